import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  judgeCell, judgeLayer, mergeObservations, mustReach, observedScope, type ProbeFacts, type ProbeOutcome,
} from '../../profiles/demo-crm/permissions/verdict.js';

// The three records every owner-scoped cell is probed with: rep A's, rep B's (same team), admin's.
const A: ProbeFacts = { label: "rep A's lead", ownerRole: 'salesRep', team: 'sales', account: null };
const B: ProbeFacts = { label: "rep B's lead", ownerRole: 'salesRep2', team: 'sales', account: null };
const X: ProbeFacts = { label: "admin's lead", ownerRole: 'admin', team: null, account: null };
const acmeTicket: ProbeFacts = { label: 'Acme ticket', ownerRole: 'supportAgent', team: 'support', account: 'acme' };
const globexTicket: ProbeFacts = { label: 'Globex ticket', ownerRole: 'supportAgent2', team: 'support', account: 'globex' };

const reached = (p: ProbeFacts, r: boolean): ProbeOutcome => ({ ...p, reached: r, detail: r ? '200' : '403' });

describe('which records a scope must reach', () => {
  it('own: only the role\'s own record; team: the team\'s; any: all; none: nothing', () => {
    assert.deepEqual([A, B, X].map((p) => mustReach('own', 'salesRep', p)), [true, false, false]);
    assert.deepEqual([A, B, X].map((p) => mustReach('own', 'salesRep2', p)), [false, true, false]);
    assert.deepEqual([A, B, X].map((p) => mustReach('team', 'salesManager', p)), [true, true, false]);
    assert.deepEqual([A, B, X].map((p) => mustReach('team', 'supportManager', p)), [false, false, false]);
    assert.deepEqual([A, B, X].map((p) => mustReach('any', 'auditor', p)), [true, true, true]);
    assert.deepEqual([A, B, X].map((p) => mustReach('none', 'admin', p)), [false, false, false]);
    assert.deepEqual([A, B, X].map((p) => mustReach('n/a', 'admin', p)), [false, false, false]);
  });

  it('a record nobody owns (a product, one\'s dashboard) is reached under every scope that allows the action', () => {
    const product: ProbeFacts = { label: 'a product', ownerRole: null, team: null, account: null };
    assert.deepEqual((['any', 'team', 'own', 'none', 'n/a'] as const).map((s) => mustReach(s, 'salesRep', product)), [true, true, true, false, false]);
  });

  it('account: a customer reaches their own account\'s tickets only', () => {
    assert.deepEqual([acmeTicket, globexTicket].map((p) => mustReach('account', 'customer', p)), [true, false]);
  });
});

describe('reading the observed scope back from the probes', () => {
  it('names the scope the reach corresponds to', () => {
    assert.equal(observedScope('own', 'salesRep', [reached(A, true), reached(B, false), reached(X, false)]), 'own');
    // the IDOR defect: rep A opens rep B's and admin's records too
    assert.equal(observedScope('own', 'salesRep', [reached(A, true), reached(B, true), reached(X, true)]), 'any');
    assert.equal(observedScope('team', 'salesManager', [reached(A, false), reached(B, false), reached(X, false)]), 'none');
    assert.equal(observedScope('none', 'customer', [reached(acmeTicket, true), reached(globexTicket, false)]), 'account');
  });

  it('prefers the expected scope when several describe the same reach', () => {
    // finance owns none of the probes: "own" and "none" reach the same nothing
    assert.equal(observedScope('none', 'finance', [reached(A, false), reached(B, false), reached(X, false)]), 'none');
  });

  it('reports a reach no scope explains as mixed, naming each probe', () => {
    const s = observedScope('own', 'salesRep', [reached(A, false), reached(B, true), reached(X, false)]);
    assert.match(s, /^mixed \(rep A's lead refused, rep B's lead reached, admin's lead refused\)$/);
  });
});

describe('judging a layer and a cell', () => {
  it('a scoped layer passes only when the observed scope equals the expected one', () => {
    assert.equal(judgeLayer('own', 'salesRep', { layer: 'api', kind: 'scoped', probes: [reached(A, true), reached(B, false), reached(X, false)], problems: [] }).pass, true);
    const leak = judgeLayer('own', 'salesRep', { layer: 'api', kind: 'scoped', probes: [reached(A, true), reached(B, true), reached(X, true)], problems: [] });
    assert.equal(leak.pass, false);
    assert.equal(leak.observed, 'any');
  });

  it('a problem (a 500, data in an error body) turns the layer red even when the scope is right', () => {
    const v = judgeLayer('none', 'finance', { layer: 'api', kind: 'scoped', probes: [reached(A, false)], problems: ['GET /api/leads/1 → 500'] });
    assert.equal(v.pass, false);
    assert.ok(v.details.includes('GET /api/leads/1 → 500'));
  });

  it('a flat layer compares allowed with the expected scope; n/a must be refused', () => {
    assert.equal(judgeLayer('own', 'salesRep', { layer: 'ui', kind: 'flat', allowed: true, detail: 'menu entry Leads', problems: [] }).pass, true);
    assert.equal(judgeLayer('none', 'supportAgent', { layer: 'url', kind: 'flat', allowed: true, detail: '/invoices opened', problems: [] }).pass, false);
    const na = judgeLayer('n/a', 'admin', { layer: 'api', kind: 'flat', allowed: false, detail: 'DELETE → 404', problems: [] });
    assert.deepEqual([na.pass, na.observed], [true, 'n/a']);
  });

  it('a scoped layer without any probe is not a pass', () => {
    assert.equal(judgeLayer('own', 'salesRep', { layer: 'api', kind: 'scoped', probes: [], problems: [] }).pass, false);
  });

  it('a cell nobody checked is red; skipped layers neither pass nor fail it', () => {
    assert.equal(judgeCell('own', undefined, 'salesRep', 'lead', 'view').pass, false);
    const onlySkipped = judgeCell('own', { role: 'salesRep', object: 'lead', action: 'delete', layers: [{ layer: 'url', kind: 'skipped', reason: 'POST only' }] }, 'salesRep', 'lead', 'delete');
    assert.equal(onlySkipped.pass, false);
    const mixed = judgeCell('own', {
      role: 'salesRep', object: 'lead', action: 'delete',
      layers: [{ layer: 'url', kind: 'skipped', reason: 'POST only' }, { layer: 'ui', kind: 'flat', allowed: true, detail: 'Delete button', problems: [] }],
    }, 'salesRep', 'lead', 'delete');
    assert.equal(mixed.pass, true);
  });

  it('observations of one cell from several tests add up, and one red layer makes the cell red', () => {
    const merged = mergeObservations([
      { role: 'supportAgent', object: 'invoice', action: 'list', layers: [{ layer: 'api', kind: 'flat', allowed: false, detail: '403', problems: [] }] },
      { role: 'supportAgent', object: 'invoice', action: 'list', layers: [{ layer: 'url', kind: 'flat', allowed: true, detail: '/invoices opened', problems: [] }] },
    ]);
    const obs = merged.get('supportAgent/invoice/list');
    assert.equal(obs?.layers.length, 2);
    const v = judgeCell('none', obs, 'supportAgent', 'invoice', 'list');
    assert.equal(v.pass, false);
    assert.deepEqual(v.layers.map((l) => l.pass), [true, false]);
  });
});
