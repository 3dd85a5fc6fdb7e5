import { agentSeesQueueOwnAndEscalated, customerSeesOwnAccountOnly } from '../../../profiles/demo-crm/permissions/ticket-ownership-checks.js';
import {
  guessedIdsAreRefused, listTotalsCountOwnRecordsOnly, othersRecordsStayHidden, recordsCannotBeHandedOver,
} from '../../../profiles/demo-crm/permissions/ownership-checks.js';
import { expect, permissionLabels, test } from '../../../profiles/demo-crm/test.js';
import { checkRule } from '../../../profiles/demo-crm/permissions/rule-check.js';
import { UiProbe } from '../../../profiles/demo-crm/permissions/ui-probe.js';

/**
 * Record ownership, told as the people involved would: rep A against rep B's records, a customer
 * against another account's tickets, an agent against a colleague's (docs/permissions.md, AC-PERM-O…).
 */
test.describe('Record ownership', () => {
  test('rep A cannot open, edit or find rep B\'s records, by API, by URL or by search @permissions', async ({ actor, perm }) => {
    await permissionLabels('Ownership', 'rep A against rep B', ['AC-PERM-O01']);
    const repA = await actor('salesRep');
    const check = await checkRule('AC-PERM-O01', (rule) =>
      repA.step("tries rep B's lead, account, contact, opportunity and quote by id, by edit, by search and by URL", () =>
        othersRecordsStayHidden(perm.context('salesRep'), new UiProbe(repA.page), rule)));
    expect(check.problems, check.title).toEqual([]);
  });

  test('ids guessed by counting up and down from one\'s own record are refused unless the record is one\'s own @permissions', async ({ perm }) => {
    await permissionLabels('Ownership', 'guessed ids', ['AC-PERM-O02']);
    const check = await checkRule('AC-PERM-O02', (rule) =>
      test.step(`${perm.persona('salesRep')} counts 12 ids up and down from each of their records`, () => guessedIdsAreRefused(perm.context('salesRep'), rule)));
    expect(check.problems, check.title).toEqual([]);
  });

  test('a rep\'s list totals count only their own records and grow only with their own @permissions', async ({ perm }) => {
    await permissionLabels('Ownership', 'list totals', ['AC-PERM-O03']);
    const check = await checkRule('AC-PERM-O03', (rule) =>
      test.step(`${perm.persona('salesRep')} compares every list total with the records they own, before and after rep B adds one`, () =>
        listTotalsCountOwnRecordsOnly(perm.context('salesRep'), rule, perm.context('salesRep2'))));
    expect(check.problems, check.title).toEqual([]);
  });

  test('nobody hands a record to someone outside their scope or creates one in another rep\'s name @permissions', async ({ perm }) => {
    await permissionLabels('Ownership', 'owner changes', ['AC-PERM-O05']);
    const check = await checkRule('AC-PERM-O05', (rule) =>
      test.step(`${perm.persona('salesRep')} and ${perm.persona('salesManager')} try to move records out of their scope`, () =>
        recordsCannotBeHandedOver(perm.context('salesRep'), perm.context('salesManager'), rule)));
    expect(check.problems, check.title).toEqual([]);
  });

  test('a customer of Acme never reaches Globex\'s tickets — not by list, search, id, reply or by filing one for Globex @permissions', async ({ actor, perm }) => {
    await permissionLabels('Ownership', 'customer accounts', ['AC-PERM-O04']);
    const customer = await actor('customer');
    const check = await checkRule('AC-PERM-O04', (rule) =>
      customer.step("tries the other account's ticket in the portal and its API", () =>
        customerSeesOwnAccountOnly(perm.context('customer'), new UiProbe(customer.page), rule)));
    expect(check.problems, check.title).toEqual([]);
  });

  test('a support agent sees the queue, their own and escalated tickets, but not a colleague\'s assigned ticket @permissions', async ({ perm, roleApis }) => {
    await permissionLabels('Ownership', 'agents and colleagues', ['AC-PERM-O06']);
    const check = await checkRule('AC-PERM-O06', (rule) =>
      test.step(`${perm.persona('supportAgent')} follows one ticket from the queue, to a colleague, to escalation`, () =>
        agentSeesQueueOwnAndEscalated(perm.context('supportAgent'), perm.context('supportManager'), roleApis.supportAgent2.userId, rule)));
    expect(check.problems, check.title).toEqual([]);
  });
});
