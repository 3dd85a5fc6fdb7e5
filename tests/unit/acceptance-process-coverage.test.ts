import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actorOf } from '../../fixtures/acceptance/personas.js';
import { defineProcesses, processCoverage } from '../../fixtures/acceptance/process-coverage.js';
import { run, step } from './acceptance-support.js';

const [leads] = defineProcesses([{
  id: 'lead-to-cash',
  title: 'Lead to cash',
  transitions: [
    { object: 'Lead', from: 'Qualified', to: 'Converted', action: 'Convert', roles: ['Sales rep'], steps: [/converts the lead/], source: 'doc' },
    { object: 'Lead', from: 'New', to: 'Disqualified', action: 'Disqualify', roles: ['Sales rep'], steps: [/disqualifies the lead/], source: 'doc' },
    { object: 'Quote', from: 'Pending approval', to: 'Approved', action: 'Approve', roles: ['Sales manager'], steps: [/approves the quote/], labels: [{ name: 'story', pattern: /manager approval/ }], source: 'doc' },
  ],
}]);
const personas = ['Sales rep Li Wei', 'Sales manager Zhang Min', 'Admin Ada Admin'];

describe('process coverage', () => {
  it('the actor of a step is the persona its title starts with', () => {
    assert.equal(actorOf('Sales rep Li Wei converts the lead', personas), 'Sales rep Li Wei');
    assert.equal(actorOf('Given Admin Ada Admin has put 3 products in the price book (by API)', personas), 'Admin Ada Admin');
    assert.equal(actorOf('The CRM refuses Sales rep Li Wei’s change', personas), undefined);
  });

  it('marks a transition exercised by the role whose step matched, and leaves the others not exercised', () => {
    const coverage = processCoverage(leads!, [run('deal', { personas, steps: [step('Sales rep Li Wei converts the lead into an account')] })]);
    assert.deepEqual(coverage.rows.map((r) => r.actors), [['Sales rep Li Wei'], [], []]);
    assert.equal(coverage.exercised, 1);
  });

  it('preconditions by API, and failed tests, exercise nothing', () => {
    const coverage = processCoverage(leads!, [
      run('setup', { personas, steps: [step('Given Sales rep Li Wei converts the lead (by API)')] }),
      run('red', { personas, status: 'failed', steps: [step('Sales rep Li Wei disqualifies the lead')] }),
    ]);
    assert.equal(coverage.exercised, 0);
  });

  it('a story label exercises a transition; a step by a role the documentation does not allow is flagged', () => {
    const byLabel = processCoverage(leads!, [run('approval', { labels: { story: ['manager approval of a discount'] } })]);
    assert.deepEqual(byLabel.rows[2]!.actors, ['(test-level evidence)']);
    const byAdmin = processCoverage(leads!, [run('admin', { personas, steps: [step('Admin Ada Admin approves the quote')] })]);
    assert.deepEqual(byAdmin.rows[2]!.undocumentedActors, ['Admin Ada Admin']);
    const byManager = processCoverage(leads!, [run('mgr', { personas, steps: [step('Sales manager Zhang Min approves the quote')] })]);
    assert.deepEqual(byManager.rows[2]!.undocumentedActors, []);
  });
});
