import { memoryGrowth } from '../../../fixtures/stability/memory-growth.js';
import { residentMemoryOf, serveSteadily, STEADY_USE, STEADY_USE_MARGIN as MARGIN } from '../../../profiles/demo-crm/stability/steady-use.js';
import { writeFigures } from '../../../profiles/demo-crm/usability/figures-file.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';

const WARM_UP = 600;
const WINDOW = 600;
const ANSWERS = 3_000;
const SAMPLE_EVERY = 25;

test.describe('Stability: memory under steady use', { tag: '@stability' }, () => {
  test(`a sales rep, a support agent and finance open their screens ${ANSWERS.toLocaleString('en-US')} times: the CRM's memory stays within ${MARGIN * 100} % of where it was after warm-up`, async ({ ownCrm }, testInfo) => {
    // its own CRM (started with the worker's first stability test) and 3,000 answers: three times the usual budget
    test.slow();
    await describeFlow({ epic: 'Stability', feature: 'Memory under steady use', severity: 'normal', owner: 'qa-platform' });
    await criteria('AC-STAB-07');
    const people = await Promise.all(STEADY_USE.map(async (u) => ({ ...u, person: await ownCrm.actor(u.role) })));

    // t counts the answers served, so the windows are the same work on any machine, fast or slow
    const samples = await test.step(`${people.map((p) => p.person.name).join(', ')} open their screens and API lists, ${ANSWERS.toLocaleString('en-US')} answers in all, the CRM's memory read every ${SAMPLE_EVERY}`, () =>
      serveSteadily(people, { answers: ANSWERS, sampleEvery: SAMPLE_EVERY, memoryMiB: residentMemoryOf(ownCrm.crm) }));

    const growth = memoryGrowth(samples, { warmupS: WARM_UP, windowS: WINDOW, durationS: ANSWERS });
    const summary = `median RSS ${growth.first.medianMiB} MiB over answers ${WARM_UP}–${WARM_UP + WINDOW}, ${growth.last.medianMiB} MiB over ${ANSWERS - WINDOW}–${ANSWERS}: ${(growth.growth * 100).toFixed(1)} % (margin ${MARGIN * 100} %)`;
    const figure = { criterion: 'AC-STAB-07', metric: 'ratio', value: growth.growth, unit: 'growth of the median RSS', source: `${ANSWERS} answers to 3 signed-in users on a CRM of the test's own: ${summary}` } as const;
    writeFigures(`ac-stab-07-${testInfo.workerIndex}-${testInfo.repeatEachIndex}`, [figure]);
    await testInfo.attach('CRM memory (MiB) by answers served', { body: JSON.stringify({ growth, samples }, null, 2), contentType: 'application/json' });
    expect(growth.growth, `the CRM's memory after steady use: ${summary}`).toBeLessThanOrEqual(MARGIN);
  });
});
