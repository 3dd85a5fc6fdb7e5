import {
  aboveThirtyNeedsAdmin, approvedDiscountIsLocked, customerNeverSeesInternalNotes, onlyFinanceRecordsPayments,
} from '../../../profiles/demo-crm/permissions/field-rule-checks.js';
import { expect, permissionLabels, test } from '../../../profiles/demo-crm/test.js';
import { checkRule } from '../../../profiles/demo-crm/permissions/rule-check.js';
import { UiProbe } from '../../../profiles/demo-crm/permissions/ui-probe.js';

/**
 * Field rules: finer than a matrix cell — who may record money, touch an approved discount, approve a
 * large discount, read an internal note (docs/permissions.md, AC-PERM-F…).
 */
test.describe('Field rules', () => {
  test('only finance records a payment — every other role, admin included, is refused and nothing is recorded @permissions', async ({ actor, perm }) => {
    await permissionLabels('Field rules', 'payments', ['AC-PERM-F01', 'AC-PERM-09']);
    const [finance, admin] = await Promise.all([actor('finance'), actor('admin')]);
    const check = await checkRule('AC-PERM-F01', (rule) =>
      finance.step('and every other role try to record one cent on an invoice; finance and admin open its page', () =>
        onlyFinanceRecordsPayments(perm.context('finance'), rule, { finance: new UiProbe(finance.page), admin: new UiProbe(admin.page) })));
    expect(check.problems, check.title).toEqual([]);
  });

  test('an approved discount is locked: neither the rep nor the manager changes it in place @permissions', async ({ actor, perm }) => {
    await permissionLabels('Field rules', 'approved discount', ['AC-PERM-F02', 'AC-PERM-05']);
    const rep = await actor('salesRep');
    const check = await checkRule('AC-PERM-F02', (rule) =>
      rep.step('has a 20 % discount approved by the manager, then tries to change it', () =>
        approvedDiscountIsLocked(perm.context('salesRep'), perm.context('salesManager'), new UiProbe(rep.page), rule)));
    expect(check.problems, check.title).toEqual([]);
  });

  test('a discount above 30 % is approved by admin only; the sales manager is refused and it stays pending @permissions', async ({ actor, perm }) => {
    await permissionLabels('Field rules', 'approval limits', ['AC-PERM-F03', 'AC-PERM-06']);
    const manager = await actor('salesManager');
    const check = await checkRule('AC-PERM-F03', (rule) =>
      manager.step('is asked to decide a 35 % discount, which only admin may approve', () =>
        aboveThirtyNeedsAdmin(perm.context('salesRep'), perm.context('salesManager'), new UiProbe(manager.page), rule)));
    expect(check.problems, check.title).toEqual([]);
  });

  test('a customer reads the agent\'s public reply but never an internal note, in the portal or its API @permissions', async ({ actor, perm }) => {
    await permissionLabels('Field rules', 'internal notes', ['AC-PERM-F04', 'AC-PERM-11']);
    const customer = await actor('customer');
    const check = await checkRule('AC-PERM-F04', (rule) =>
      customer.step('opens the ticket an agent has just answered and annotated', () =>
        customerNeverSeesInternalNotes(perm.context('supportAgent'), perm.context('customer'), new UiProbe(customer.page), rule)));
    expect(check.problems, check.title).toEqual([]);
  });
});
