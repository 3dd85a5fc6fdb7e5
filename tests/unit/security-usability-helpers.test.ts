import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionsOf, costliestStep, figuresOf, overBudget, type TaskEffort } from '../../profiles/demo-crm/usability/effort.js';
import { messageOf, messageProblems } from '../../profiles/demo-crm/usability/messages.js';

const task: TaskEffort = {
  task: 'create a lead', clicks: 4, keystrokes: 70, pageChanges: 3, ms: 2_000,
  steps: [{ step: 'opens the form', clicks: 1, keystrokes: 0, pageChanges: 2, ms: 500 }, { step: 'types and saves', clicks: 3, keystrokes: 70, pageChanges: 1, ms: 1_500 }],
};

describe('usability: task effort', () => {
  it('counts actions, names the costliest step and judges the budget', () => {
    assert.equal(actionsOf(task), 77);
    assert.equal(costliestStep(task.steps)?.step, 'types and saves');
    assert.equal(overBudget(task, 77), null);
    assert.match(overBudget(task, 76) ?? '', /77 user actions .* budget 76; costliest step "types and saves"/);
  });

  it('writes one actions figure for the task criterion and one time figure', () => {
    assert.deepEqual(figuresOf(task, 'AC-USE-04', 'AC-USE-11').map((f) => [f.criterion, f.metric, f.value]), [['AC-USE-04', 'actions', 77], ['AC-USE-11', 'ms', 2_000]]);
  });
});

describe('usability: error message rules', () => {
  it('cuts the field hint off the message', () => {
    assert.equal(messageOf('The payment of $99.00 exceeds the open balance of $5.09 Open balance $5.09'), 'The payment of $99.00 exceeds the open balance of $5.09');
    assert.equal(messageOf('Choose a priority (P1–P4) P1 = business stopped, P4 = question.'), 'Choose a priority (P1–P4)');
  });

  it('accepts the documented messages and refuses raw codes and messages without a fix', () => {
    assert.deepEqual(messageProblems('x', 'Enter a valid email address'), []);
    assert.deepEqual(messageProblems('x', 'Invalid username or password.'), []);
    assert.equal(messageProblems('x', 'Error 500: TypeError at x.ts:12').length, 3);
    assert.deepEqual(messageProblems('x', 'Something is wrong'), ['x: "Something is wrong" does not say how to fix it', 'x: "Something is wrong" is not one of the CRM\'s documented messages']);
  });
});
