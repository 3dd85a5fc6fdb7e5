import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../core/audit.js';
import { authorize, hashPassword } from '../../core/auth.js';
import {
  actionButton, dataTable, errorSummary, field, formTag, html, pageHeader, searchBar, statusBadge, dateTime,
} from '../../core/html.js';
import { conflict, notFound, parseInput, redirectWithToast, sendPage, ValidationError } from '../../core/http.js';
import { listParamsSchema, runList } from '../../core/list.js';
import { passwordProblem } from '../../core/password-policy.js';
import { can, ROLES } from '../../core/permissions.js';
import { insertUser } from './seed-users.js';
import { changeRole, roleEnum, roleSelect } from './user-role.js';
import { registerUserSessionRoutes, resetPassword } from './user-sessions.js';

const newUserSchema = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,40}$/, 'Use 3–40 letters, digits, dots, dashes or underscores'),
  displayName: z.string().trim().min(1, 'Enter a display name').max(100),
  email: z.email('Enter a valid email address'),
  role: roleEnum,
  team: z.enum(['sales', 'support', '']).optional(),
  // the rules of the password alone show with the other fields' errors; the one about the username once that is valid
  password: z.string({ error: 'Enter a password' }).superRefine((password, ctx) => {
    const problem = passwordProblem(password, '');
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
}).superRefine((u, ctx) => {
  const problem = passwordProblem(u.password, u.username);
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
});

interface UserListRow { id: number; username: string; displayName: string; email: string; role: string; team: string | null; active: number }

function usersPage(req: FastifyRequest, reply: FastifyReply, o: { errors?: Record<string, string>; values?: Record<string, string>; status?: number }) {
  const p = parseInput(listParamsSchema, req.query);
  const list = runList<UserListRow>(req.server.crm.db, {
    select: 'id, username, display_name AS displayName, email, role, team, active',
    from: 'users', searchColumns: ['username', 'display_name'], q: p.q,
    sortColumns: { username: 'username', role: 'role' }, sort: p.sort, dir: p.dir, defaultSort: 'username', page: p.page, pageSize: p.pageSize,
  });
  const v = o.values ?? {};
  const roleOptions = ROLES.map((r) => ({ value: r, label: r.replace('_', ' ') }));
  const mayCreate = req.user !== null && can(req.user, 'user', 'create');
  const mayEdit = req.user !== null && can(req.user, 'user', 'edit');
  const body = html`${pageHeader('Users')}
    ${searchBar({ baseUrl: '/admin/users', q: list.q })}
    ${dataTable<UserListRow>({
      caption: 'Users', list, baseUrl: '/admin/users',
      columns: [
        { key: 'username', label: 'Username', sortable: true, render: (r) => r.username },
        { key: 'name', label: 'Name', render: (r) => r.displayName },
        { key: 'role', label: 'Role', sortable: true, render: (r) => html`<span data-testid="user-role-${r.username}">${r.role}</span>` },
        { key: 'status', label: 'Status', render: (r) => statusBadge(r.active ? 'Active' : 'Inactive', `user-status-${r.username}`) },
        // the auditor reads this list: the controls are offered only to roles that may use them
        ...(mayEdit ? [{ key: 'actions', label: 'Actions', render: (r: UserListRow) => html`${actionButton(req, { action: `/admin/users/${r.id}/${r.active ? 'deactivate' : 'activate'}`, label: `${r.active ? 'Deactivate' : 'Activate'} ${r.username}` })}
          ${r.id === req.user?.id ? '' : actionButton(req, { action: `/admin/users/${r.id}/sign-out`, label: `Sign out ${r.username} everywhere`, dialog: { title: `Sign out ${r.username} everywhere`, body: html`<p>Every session of ${r.username} ends now: each browser and app they are signed in on goes back to the sign-in page.</p>`, confirmLabel: 'Sign out everywhere' } })}
          ${r.role === 'customer' || r.id === req.user?.id ? '' : actionButton(req, { action: `/admin/users/${r.id}/role`, label: `Change role of ${r.username}`, dialog: { title: `Change the role of ${r.username}`, body: roleSelect(r), confirmLabel: 'Change role' } })}` }] : []),
      ],
    })}
    ${mayCreate ? html`<section class="card" aria-labelledby="new-user-title"><h2 id="new-user-title">New user</h2>
    ${errorSummary(o.errors)}
    ${formTag(req, { action: '/admin/users', submitLabel: 'Create user', body: html`<div class="grid-2">
      ${field({ name: 'username', label: 'Username', value: v.username, error: o.errors?.username, required: true })}
      ${field({ name: 'displayName', label: 'Display name', value: v.displayName, error: o.errors?.displayName, required: true })}
      ${field({ name: 'email', label: 'Email', type: 'email', value: v.email, error: o.errors?.email, required: true })}
      ${field({ name: 'role', label: 'Role', type: 'select', options: roleOptions, value: v.role, error: o.errors?.role, required: true })}
      ${field({ name: 'team', label: 'Team', type: 'select', options: [{ value: '', label: 'None' }, { value: 'sales', label: 'Sales' }, { value: 'support', label: 'Support' }], value: v.team })}
      ${field({ name: 'password', label: 'Initial password', type: 'password', error: o.errors?.password, required: true, autocomplete: 'new-password' })}
    </div>` })}</section>` : ''}`;
  return sendPage(reply, req, { title: 'Users', body, status: o.status });
}

function createUser(req: FastifyRequest, input: z.infer<typeof newUserSchema>): number {
  const { db, faults } = req.server.crm;
  if (db.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username)) {
    throw new ValidationError({ username: 'This username is already taken' });
  }
  const { password, ...user } = input;
  const id = insertUser(db, { ...user, team: input.team ? input.team : null, passwordHash: hashPassword(password, faults) });
  audit(req, { action: 'create', object: 'user', recordId: id, summary: `user ${input.username} (${input.role})` });
  return id;
}

/** Activates or deactivates the user; returns their username. */
function setActive(req: FastifyRequest, id: number, active: boolean): string {
  const { db } = req.server.crm;
  const row = db.prepare('SELECT id, username, active FROM users WHERE id = ?').get(id) as { id: number; username: string; active: number } | undefined;
  if (!row) notFound('No such user');
  if (row.id === req.user?.id && !active) conflict('You cannot deactivate your own account.');
  db.transaction(() => {
    db.prepare('UPDATE users SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
    if (!active) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
  })();
  audit(req, { action: 'update', object: 'user', recordId: id, changes: { active: { from: row.active === 1, to: active } } });
  return row.username;
}

export function registerAdminRoutes(app: FastifyInstance): void {
  registerUserSessionRoutes(app);
  app.get('/admin/users', (req, reply) => {
    authorize(req, 'user', 'list');
    return usersPage(req, reply, {});
  });
  app.post('/admin/users', (req, reply) => {
    authorize(req, 'user', 'create');
    try {
      createUser(req, parseInput(newUserSchema, req.body));
    } catch (e) {
      if (e instanceof ValidationError) return usersPage(req, reply, { errors: e.fields, values: req.body as Record<string, string>, status: 400 });
      throw e;
    }
    return redirectWithToast(reply, req, '/admin/users', 'User created');
  });
  for (const [verb, active] of [['activate', true], ['deactivate', false]] as const) {
    app.post(`/admin/users/:id/${verb}`, (req, reply) => {
      authorize(req, 'user', 'edit');
      const username = setActive(req, Number((req.params as { id: string }).id), active);
      // back to the list filtered to that user: on a long list the row would otherwise be pages away
      return redirectWithToast(reply, req, `/admin/users?q=${encodeURIComponent(username)}`, active ? 'User activated' : 'User deactivated');
    });
  }

  app.post('/admin/users/:id/role', (req, reply) => {
    authorize(req, 'user', 'edit');
    const id = Number((req.params as { id: string }).id);
    const { role } = parseInput(z.object({ role: roleEnum }), req.body);
    changeRole(req, id, role);
    const { username } = req.server.crm.db.prepare('SELECT username FROM users WHERE id = ?').get(id) as { username: string };
    return redirectWithToast(reply, req, `/admin/users?q=${encodeURIComponent(username)}`, `${username} is now ${role.replace('_', ' ')}`);
  });

  app.get('/api/users', (req) => {
    authorize(req, 'user', 'list');
    const p = parseInput(listParamsSchema, req.query);
    return runList(req.server.crm.db, {
      select: 'id, username, display_name AS displayName, email, role, team, active', from: 'users',
      searchColumns: ['username', 'display_name'], q: p.q, sortColumns: { username: 'username', role: 'role' },
      sort: p.sort, dir: p.dir, defaultSort: 'username', page: p.page, pageSize: p.pageSize,
    });
  });
  app.post('/api/users', (req, reply) => {
    authorize(req, 'user', 'create');
    const id = createUser(req, parseInput(newUserSchema, req.body));
    return reply.code(201).send({ id });
  });
  app.patch('/api/users/:id', (req) => {
    authorize(req, 'user', 'edit');
    const id = Number((req.params as { id: string }).id);
    const body = parseInput(z.object({ active: z.boolean().optional(), role: roleEnum.optional(), password: z.string().optional() }), req.body);
    if (body.role !== undefined) changeRole(req, id, body.role);
    if (body.active !== undefined) setActive(req, id, body.active);
    if (body.password !== undefined) resetPassword(req, id, body.password);
    return { ok: true };
  });

  const auditFilter = z.object({
    actor: z.string().trim().max(100).optional(), action: z.string().trim().max(50).optional(),
    object: z.string().trim().max(50).optional(), recordId: z.string().trim().max(50).optional(),
  });
  const auditList = (req: FastifyRequest) => {
    const p = parseInput(listParamsSchema, req.query);
    const f = parseInput(auditFilter, req.query);
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.actor) { where.push('actor_name = ?'); params.push(f.actor); }
    if (f.action) { where.push('action = ?'); params.push(f.action); }
    if (f.object) { where.push('object = ?'); params.push(f.object); }
    if (f.recordId) { where.push('record_id = ?'); params.push(f.recordId); }
    return { f, list: runList<{ id: number; at: string; actor: string; action: string; object: string; recordId: string | null; summary: string | null; changes: string | null; ip: string | null }>(req.server.crm.db, {
      select: 'id, at, actor_name AS actor, action, object, record_id AS recordId, summary, changes_json AS changes, ip',
      from: 'audit_log', where, params, sortColumns: { at: 'id' }, sort: p.sort, dir: p.sort ? p.dir : 'desc', defaultSort: 'at', page: p.page, pageSize: p.pageSize,
    }) };
  };
  app.get('/audit', (req, reply) => {
    authorize(req, 'audit_log', 'list');
    const { f, list } = auditList(req);
    const body = html`${pageHeader('Audit log')}
      <form role="search" method="get" action="/audit" class="search-bar" aria-label="Filter audit log">
        ${field({ name: 'actor', label: 'Actor', value: f.actor })}${field({ name: 'action', label: 'Action', value: f.action })}
        ${field({ name: 'object', label: 'Object', value: f.object })}${field({ name: 'recordId', label: 'Record ID', value: f.recordId })}
        <div class="field field-submit"><button type="submit" class="btn btn-secondary">Apply</button></div>
      </form>
      ${dataTable({ caption: 'Audit entries', list, baseUrl: '/audit', query: { actor: f.actor, action: f.action, object: f.object, recordId: f.recordId }, columns: [
        { key: 'at', label: 'When', sortable: true, render: (r) => dateTime(r.at) },
        { key: 'actor', label: 'Actor', render: (r) => r.actor },
        { key: 'action', label: 'Action', render: (r) => r.action },
        { key: 'object', label: 'Object', render: (r) => `${r.object}${r.recordId ? ` #${r.recordId}` : ''}` },
        { key: 'summary', label: 'Details', render: (r) => [r.summary, r.changes].filter(Boolean).join(' ') },
        // the address a request came from: in an incident, which sign-ins were not the user's
        { key: 'ip', label: 'From', render: (r) => r.ip ?? '' },
      ] })}`;
    return sendPage(reply, req, { title: 'Audit log', body });
  });
  app.get('/api/audit', (req) => {
    authorize(req, 'audit_log', 'list');
    const { list } = auditList(req);
    return { ...list, items: list.items.map((r) => ({ ...r, changes: r.changes ? JSON.parse(r.changes) as unknown : null })) };
  });
}
