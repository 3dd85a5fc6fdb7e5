import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concretePath, isPortalRoute, stateChangingRoutes } from '../../profiles/demo-crm/security/routes.js';

describe('security: route enumeration', () => {
  it('keeps every POST, PUT, PATCH and DELETE route except sign-in', () => {
    const routes = [
      { method: 'GET', path: '/leads' }, { method: 'POST', path: '/leads/new' }, { method: 'PATCH', path: '/api/leads/:id' },
      { method: 'DELETE', path: '/api/leads/:id' }, { method: 'PUT', path: '/x' }, { method: 'POST', path: '/login' },
      { method: 'POST', path: '/api/auth/login' }, { method: 'POST', path: '/logout' }, { method: 'OPTIONS', path: '/y' },
    ];
    assert.deepEqual(stateChangingRoutes(routes).map((r) => `${r.method} ${r.path}`), ['POST /leads/new', 'PATCH /api/leads/:id', 'DELETE /api/leads/:id', 'PUT /x', 'POST /logout']);
  });

  it('fills every path parameter', () => {
    assert.equal(concretePath('/api/quotes/:id/lines/:lineId'), '/api/quotes/1/lines/1');
    assert.equal(concretePath('/export/:file', 'leads.csv'), '/export/leads.csv');
    assert.equal(concretePath('/leads/new'), '/leads/new');
  });

  it('tells portal routes from staff routes', () => {
    assert.ok(isPortalRoute('/api/portal/tickets/:id/reply'));
    assert.ok(isPortalRoute('/portal/logout'));
    assert.ok(!isPortalRoute('/api/tickets'));
    assert.ok(!isPortalRoute('/portalx'));
  });
});
