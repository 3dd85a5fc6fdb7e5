import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalogueOf } from '../../fixtures/acceptance/active-catalogue.js';
import type { Catalogue } from '../../fixtures/acceptance/criteria-schema.js';
import { AcceptanceInputError } from '../../fixtures/acceptance/input-error.js';
import type { ProcessDefinition } from '../../fixtures/acceptance/process-coverage.js';

/**
 * A profile's acceptance data, found by path convention (profiles/<profile>/acceptance/), loaded by
 * dynamic import so the framework core never depends on one CRM.
 */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export function acceptanceDir(profile: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(profile)) throw new AcceptanceInputError(`--profile "${profile}" is not a profile folder name (lower-case letters, digits and dashes)`);
  return path.join(repoRoot, 'profiles', profile, 'acceptance');
}

async function defaultExport<T>(file: string, what: string): Promise<T> {
  if (!fs.existsSync(file)) throw new AcceptanceInputError(`${path.relative(repoRoot, file)} is missing: the profile has no ${what}`);
  const module = (await import(pathToFileURL(file).href)) as { default?: T };
  if (!module.default) throw new AcceptanceInputError(`${path.relative(repoRoot, file)} has no default export (expected ${what})`);
  return module.default;
}

/** The same loader criteria() uses in the flows, so a script and a run always read one catalogue. */
export async function loadCatalogue(profile: string): Promise<Catalogue> {
  acceptanceDir(profile);
  const catalogue = await catalogueOf(profile, repoRoot);
  if (!catalogue) throw new AcceptanceInputError(`profiles/${profile}/acceptance/catalogue.ts is missing: the profile has no acceptance catalogue (export default defineCatalogue([...]))`);
  return catalogue;
}

/** A profile without processes.ts simply has no process-coverage section. */
export async function loadProcesses(profile: string): Promise<ProcessDefinition[]> {
  const file = path.join(acceptanceDir(profile), 'processes.ts');
  return fs.existsSync(file) ? defaultExport<ProcessDefinition[]>(file, 'process definitions (export default defineProcesses([...]))') : [];
}
