import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshValues } from '../../profiles/demo-crm/permissions/fresh-values.js';
import { EXPECTED_MATRIX } from '../../profiles/demo-crm/permissions/matrix.js';
import { groupsOf, routeAllows } from '../../profiles/demo-crm/permissions/route-probe.js';
import { MATRIX_ROUTES, OUTSIDE_ROUTES, compareWithServed, routeKey, type MatrixRoute } from '../../profiles/demo-crm/permissions/route-rules.js';
import { salesFacts, ticketFacts } from '../../profiles/demo-crm/permissions/world.js';

const served = [...MATRIX_ROUTES, ...OUTSIDE_ROUTES].map((r) => ({ method: r.method, path: r.path }));
const route = (method: string, path: string): MatrixRoute => {
  const found = MATRIX_ROUTES.find((r) => r.method === method && r.path === path);
  assert.ok(found, `${method} ${path} is in the table`);
  return found;
};

describe('the API route table (issue 13)', () => {
  it('agrees with a CRM serving exactly its routes, page routes aside', () => {
    assert.deepEqual(compareWithServed([...served, { method: 'GET', path: '/leads/:id' }]), { unclassified: [], notServed: [] });
  });

  it('names a served /api route it does not classify, and a row the CRM no longer serves', () => {
    const result = compareWithServed([...served.filter((r) => r.path !== '/api/quotes/:id/send'), { method: 'POST', path: '/api/leads/:id/merge' }]);
    assert.deepEqual(result, { unclassified: ['POST /api/leads/:id/merge'], notServed: ['POST /api/quotes/:id/send'] });
  });

  it('classifies each route once, except the export route, which is one row per exported list', () => {
    const keys = MATRIX_ROUTES.filter((r) => !r.concrete || r.path !== '/api/exports/:file').map(routeKey);
    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual(MATRIX_ROUTES.filter((r) => r.path === '/api/exports/:file').map((r) => r.object), ['lead', 'account', 'contact']);
  });

  it('reads the ownership scope: rep A reaches their own opportunity, not rep B\'s nor admin\'s; the manager the team\'s', () => {
    const view = route('GET', '/api/opportunities/:id');
    assert.equal(routeAllows(EXPECTED_MATRIX, 'salesRep', view, salesFacts('A', 'opportunity')), true);
    assert.equal(routeAllows(EXPECTED_MATRIX, 'salesRep', view, salesFacts('B', 'opportunity')), false);
    assert.equal(routeAllows(EXPECTED_MATRIX, 'salesRep', view, salesFacts('X', 'opportunity')), false);
    assert.equal(routeAllows(EXPECTED_MATRIX, 'salesManager', view, salesFacts('B', 'opportunity')), true);
    assert.equal(routeAllows(EXPECTED_MATRIX, 'salesManager', view, salesFacts('X', 'opportunity')), false);
  });

  it('keeps customers on the portal and staff off it, whatever the cell says', () => {
    assert.equal(routeAllows(EXPECTED_MATRIX, 'customer', route('GET', '/api/portal/tickets/:id'), ticketFacts('A', 'ticket')), true);
    assert.equal(routeAllows(EXPECTED_MATRIX, 'customer', route('GET', '/api/portal/tickets/:id'), ticketFacts('B', 'ticket')), false);
    assert.equal(routeAllows(EXPECTED_MATRIX, 'customer', route('GET', '/api/tickets/:id'), ticketFacts('A', 'ticket')), false);
    assert.equal(routeAllows(EXPECTED_MATRIX, 'admin', route('GET', '/api/portal/tickets/:id'), ticketFacts('A', 'ticket')), false);
  });

  it('gives the SLA board only to roles that see every ticket', () => {
    const board = route('GET', '/api/tickets/sla-board');
    assert.deepEqual((['admin', 'supportAgent', 'supportManager', 'auditor', 'salesRep'] as const).map((r) => routeAllows(EXPECTED_MATRIX, r, board)), [true, false, true, true, false]);
  });
});

describe('fresh values of one permission test', () => {
  it('never gives two calls the same number or marker, so an allowed edit always changes the record', () => {
    // markers and numbers interleave as the route checks ask for them; 5,000 is well above one run's calls
    const { fresh, freshNumber } = freshValues('pm1w0', 'ab12');
    const numbers = Array.from({ length: 5_000 }, (_, i) => (i % 3 === 0 ? (fresh('n'), freshNumber()) : freshNumber()));
    assert.equal(new Set(numbers).size, numbers.length);
    assert.ok(numbers.every((n) => Number.isInteger(n) && n >= 1 && n <= 9_999_999), 'every number fits a 7-digit phone');
    // a line's quantity is 1 + n % 9,999: distinct for consecutive calls
    const quantities = numbers.map((n) => 1 + (n % 9_999));
    assert.ok(quantities.every((q, i) => i === 0 || q !== quantities[i - 1]));
    const markers = Array.from({ length: 2_000 }, () => fresh('x'));
    assert.equal(new Set(markers).size, markers.length);
  });
});

describe('route sweep groups', () => {
  it('never runs two routes that change the same probe-world record side by side, and keeps every route once', () => {
    const changes = MATRIX_ROUTES.filter((r) => r.method !== 'GET');
    const groups = groupsOf(changes, 4);
    assert.deepEqual(groups.flat().map(routeKey).sort(), changes.map(routeKey).sort());
    assert.ok(groups.every((g) => g.length >= 1 && g.length <= 4));
    const userChanges = groups.map((g) => g.filter((r) => r.record === 'user').length);
    assert.deepEqual(userChanges.filter((n) => n > 0), [1, 1], 'the password reset and the sign-out of the world user run in groups of their own');
  });
});
