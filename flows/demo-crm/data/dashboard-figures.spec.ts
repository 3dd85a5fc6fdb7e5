import { differs, figureRowsOf, figuresTable, type FigureRow } from '../../../profiles/demo-crm/checks/figures-per-role.js';
import { ROLE_KEYS } from '../../../profiles/demo-crm/roles.js';
import { busyOwnCrm } from '../../../profiles/demo-crm/scenarios/busy-crm.js';
import { criteria, describeFlow, expect, test } from '../../../profiles/demo-crm/test.js';
import { recordCount } from '../../../profiles/demo-crm/usability/figures-file.js';

test.describe('Data accuracy: every number on every screen equals the records behind it', { tag: '@data-accuracy' }, () => {
  test('each role\'s dashboard, boards and list totals equal the sums of the records that role may list through the API, for every role', async ({ browser, data }, testInfo) => {
    // its own CRM, some 150 API calls to fill it, then every role's screens and lists
    test.setTimeout(300_000);
    await describeFlow({ epic: 'Data accuracy', feature: 'Cross-module sync', story: 'Every department sees the same numbers', severity: 'critical', owner: 'qa-data', tags: ['data-accuracy', 'dashboards'] });
    await criteria('AC-DA-01');
    const busy = await busyOwnCrm({ browser, testInfo, data, ports: 'dashboard' });
    try {
      const rows: FigureRow[] = [];
      for (const role of ROLE_KEYS) rows.push(...(await figureRowsOf(await busy.actor(role), role)));
      const differences = rows.filter(differs);

      await testInfo.attach('figures per role: shown vs computed from the records', { body: figuresTable(rows), contentType: 'text/markdown' });
      await recordCount('AC-DA-01', differences.length, 'figures that differ from the sum of their records', `${rows.length} figures of ${ROLE_KEYS.length} roles`);
      expect(new Set(rows.map((r) => r.role)), 'every role of the profile was read').toEqual(new Set(ROLE_KEYS));
      expect(rows.filter((r) => r.screen === 'dashboard').length, 'the dashboards show figures').toBeGreaterThan(0);
      expect(differences.map((r) => `${r.role} · ${r.screen} · ${r.figure}: shown ${r.shown}, computed ${r.computed}`), 'every figure equals the sum of the records behind it').toEqual([]);
    } finally {
      await busy.close();
    }
  });
});
