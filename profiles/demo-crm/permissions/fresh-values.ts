import { fnv1a32 } from '../../../fixtures/data/seed.js';

/**
 * One test's fresh markers and numbers. Both count up from one sequence, so no two calls of the test
 * get the same marker or number: two roles editing one record in turn always send different values.
 * (A hash of the markers once gave two calls the same number, and an allowed edit looked like no change.)
 */
export function freshValues(worldTag: string, testPart: string): { fresh: (what: string) => string; freshNumber: () => number } {
  let seq = 0;
  const firstNumber = 1 + (fnv1a32(`${worldTag}:${testPart}:numbers`) % 5_000_000);
  return {
    fresh: (what) => `${worldTag}-${testPart}${(seq += 1).toString(36)}-${what}`,
    freshNumber: () => firstNumber + (seq += 1),
  };
}
