import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { EXPECTED_MATRIX, FIELD_RULES, OWNERSHIP_RULES } from '../../profiles/demo-crm/permissions/matrix.js';
import {
  ACTIONS, MATRIX_ROLES, OBJECTS, cellsOf, expectedOf, matrixSchema, scopeWithin, type MatrixRole,
} from '../../profiles/demo-crm/permissions/model.js';

const root = path.resolve(import.meta.dirname, '../..');

/** A structurally valid matrix to break one piece at a time. */
function validSource(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(EXPECTED_MATRIX)) as Record<string, unknown>;
}
function rolesOf(source: Record<string, unknown>, object: string): Record<MatrixRole, unknown[]> {
  return (source[object] as { roles: Record<MatrixRole, unknown[]> }).roles;
}
function problems(source: unknown): string[] {
  const result = matrixSchema.safeParse(source);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe('the expected permission matrix (acceptance data)', () => {
  it('declares every role × object × action exactly once: 10 × 16 × 7 cells', () => {
    const cells = cellsOf(EXPECTED_MATRIX);
    assert.equal(cells.length, 10 * 16 * 7);
    assert.equal(new Set(cells.map((c) => `${c.role}/${c.object}/${c.action}`)).size, cells.length);
    assert.deepEqual(MATRIX_ROLES.length, 10);
  });

  it('gives every object its own acceptance-criterion id', () => {
    const ids = OBJECTS.map((o) => EXPECTED_MATRIX[o].criterion);
    assert.equal(new Set(ids).size, OBJECTS.length);
    for (const id of [...ids, ...FIELD_RULES.map((r) => r.id), ...OWNERSHIP_RULES.map((r) => r.id)]) assert.match(id, /^AC-PERM-[FO]?\d{2}$/);
  });

  it('states issue 2: support roles do not see opportunities, quotes, invoices or payments', () => {
    for (const role of ['supportAgent', 'supportAgent2', 'supportManager'] as const) {
      for (const object of ['opportunity', 'quote', 'invoice', 'payment'] as const) {
        for (const action of ACTIONS) assert.ok(['none', 'n/a'].includes(expectedOf(EXPECTED_MATRIX, role, object, action)), `${role} ${object} ${action}`);
      }
    }
  });

  it('states issue 2: the auditor reads everything and writes nothing', () => {
    for (const object of OBJECTS) {
      for (const action of ['create', 'edit', 'delete', 'approve'] as const) {
        assert.ok(['none', 'n/a'].includes(expectedOf(EXPECTED_MATRIX, 'auditor', object, action)), `${object} ${action}`);
      }
      for (const action of ['list', 'view'] as const) {
        assert.ok(['any', 'n/a'].includes(expectedOf(EXPECTED_MATRIX, 'auditor', object, action)), `${object} ${action}`);
      }
    }
  });

  it('states issue 7: only finance records payments (admin included in the refusal)', () => {
    const payers = MATRIX_ROLES.filter((r) => expectedOf(EXPECTED_MATRIX, r, 'payment', 'create') !== 'none');
    assert.deepEqual(payers, ['finance']);
    assert.deepEqual(FIELD_RULES.find((r) => r.id === 'AC-PERM-F01')?.allowedRoles, ['finance']);
  });

  it('states issue 2: a rep works only their own sales records, the manager the team\'s', () => {
    for (const object of ['lead', 'account', 'contact', 'opportunity', 'quote'] as const) {
      for (const action of ['list', 'view', 'edit'] as const) {
        assert.equal(expectedOf(EXPECTED_MATRIX, 'salesRep', object, action), 'own');
        assert.equal(expectedOf(EXPECTED_MATRIX, 'salesRep2', object, action), 'own');
        assert.equal(expectedOf(EXPECTED_MATRIX, 'salesManager', object, action), 'team');
      }
    }
  });

  it('states issues 2 and 3: the audit log is read by admin and auditor only; customers reach tickets only', () => {
    assert.deepEqual(MATRIX_ROLES.filter((r) => expectedOf(EXPECTED_MATRIX, r, 'auditLog', 'list') === 'any'), ['admin', 'auditor']);
    for (const object of OBJECTS.filter((o) => o !== 'ticket')) {
      for (const action of ACTIONS) assert.ok(['none', 'n/a'].includes(expectedOf(EXPECTED_MATRIX, 'customer', object, action)), `customer ${object} ${action}`);
    }
    assert.equal(expectedOf(EXPECTED_MATRIX, 'customer', 'ticket', 'view'), 'account');
    assert.equal(expectedOf(EXPECTED_MATRIX, 'customer', 'internalNote', 'view'), 'none');
  });

  it('never lets an action reach further than viewing the same records', () => {
    for (const c of cellsOf(EXPECTED_MATRIX)) {
      if (!['edit', 'delete', 'approve'].includes(c.action) || c.expected === 'n/a') continue;
      const view = expectedOf(EXPECTED_MATRIX, c.role, c.object, 'view');
      if (view !== 'n/a') assert.ok(scopeWithin(c.expected, view), `${c.role} ${c.object} ${c.action}=${c.expected} but view=${view}`);
    }
  });
});

describe('the matrix schema refuses a matrix that cannot be right', () => {
  it('accepts the declared matrix', () => {
    assert.deepEqual(problems(validSource()), []);
  });

  it('refuses a role row that is missing or an unknown cell value', () => {
    const missing = validSource();
    delete (rolesOf(missing, 'lead') as Partial<Record<MatrixRole, unknown>>).auditor;
    assert.ok(problems(missing).length > 0);
    const typo = validSource();
    rolesOf(typo, 'lead').salesRep[0] = 'mine';
    assert.ok(problems(typo).length > 0);
  });

  it('refuses "n/a" for some roles but not others (an action either exists or it does not)', () => {
    const s = validSource();
    rolesOf(s, 'invoice').admin[4] = 'any';
    assert.ok(problems(s).some((m) => m.includes('invoice.delete')));
  });

  it('refuses the "account" scope for staff and "own" on objects without an owner', () => {
    const staff = validSource();
    rolesOf(staff, 'ticket').supportAgent[1] = 'account';
    assert.ok(problems(staff).some((m) => m.includes('only the customer')));
    const product = validSource();
    rolesOf(product, 'product').salesRep[0] = 'own';
    rolesOf(product, 'product').salesRep[1] = 'own';
    assert.ok(problems(product).some((m) => m.includes('no owner')));
  });

  it('refuses an edit scope wider than the view scope, and duplicate criterion ids', () => {
    const wide = validSource();
    rolesOf(wide, 'lead').salesRep[3] = 'any';
    assert.ok(problems(wide).some((m) => m.includes('lead.edit (any) reaches further than lead.view (own)')));
    const dup = validSource();
    (dup.account as { criterion: string }).criterion = 'AC-PERM-01';
    assert.ok(problems(dup).some((m) => m.includes('already used')));
  });
});

describe('the matrix is declared independently of the CRM under test', () => {
  it('no framework file imports the reference CRM\'s code (its own table would make the tests unable to fail)', () => {
    const app = path.join(root, 'demo-crm') + path.sep;
    const files = ['fixtures', 'pages', 'profiles', 'flows']
      .flatMap((dir) => fs.readdirSync(path.join(root, dir), { recursive: true }).map((f) => path.join(dir, String(f))))
      .filter((f) => f.endsWith('.ts'));
    assert.ok(files.some((f) => f.includes(`permissions${path.sep}`)), 'the permission matrix files are among those checked');
    for (const file of files) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const [, spec] of text.matchAll(/from\s+['"](\.[^'"]+)['"]/g)) {
        const target = path.resolve(root, path.dirname(file), spec!);
        assert.ok(!target.startsWith(app), `${file} imports ${spec}, code of the CRM under test (reach it over HTTP instead)`);
      }
    }
  });
});
