import { defineProfile } from '../../fixtures/profile.js';
import { ApiClient, CLOCK_OFFSET_HEADER } from './api/client.js';
import { fetchHealth, revokeSession, sessionIdOf, sessionUser } from './http.js';
import { AppShell } from './pages/app-shell.js';
import { LoginPage } from './pages/login-page.js';
import { ROLES, type RoleKey } from './roles.js';
import { crmRoutes, homePathFor, landingHeadings, LOGIN_PATHS } from './routes.js';

/**
 * The bundled reference CRM (demo-crm/): server-rendered pages, a JSON API with a session cookie and
 * a CSRF token, a business clock and defect switches in test mode. Must not import fixtures/env.ts
 * (the configuration loads this file).
 */
export default defineProfile<RoleKey, ApiClient>({
  name: 'demo-crm',
  title: 'CRM Flows reference CRM (demo-crm/)',
  defaultBaseUrl: 'http://127.0.0.1:4310',
  roles: ROLES,
  // the permission kit signs all eleven roles in (profiles/demo-crm/permissions/perm-test.ts)
  fixturesUsingEveryRole: ['perm', 'roleApis', 'world'],

  async health(baseUrl) {
    const health = await fetchHealth(baseUrl);
    return { version: health.version, faults: health.faults, notes: health.testMode ? [] : ['test mode is off (CRM_TEST_MODE=1): flows that move the business clock will fail'] };
  },

  async signIn(page, role, credentials) {
    const login = await new LoginPage(page, role.loginKind === 'portal').goto();
    await login.signIn(credentials.username, credentials.password);
    await new AppShell(page).currentUser.waitFor();
  },

  async sessionValid(baseUrl, state) {
    const id = sessionIdOf(state);
    return id !== undefined && (await sessionUser(baseUrl, id)) !== null;
  },

  isLoginUrl: (url) => LOGIN_PATHS.includes(url.pathname),

  landing: (role) => {
    const portal = role.loginKind === 'portal';
    return { path: homePathFor(portal), heading: portal ? landingHeadings.portal : landingHeadings.staff };
  },

  signedInUser: async (page) => (await new AppShell(page).userName()),

  capabilities: {
    api: {
      async open(request, role) {
        const response = await request.get(crmRoutes.session);
        if (!response.ok()) throw new Error(`GET ${crmRoutes.session} as ${role} answered HTTP ${response.status()}: the CRM did not accept the session`);
        const { csrfToken } = (await response.json()) as { csrfToken: string };
        return new ApiClient(request, role, csrfToken);
      },
    },
    businessClock: { header: CLOCK_OFFSET_HEADER },
    bundledServer: {
      command: 'node demo-crm/start.js --reset',
      readyPath: '/api/health',
      env: ({ port, host, dbFile, faults, https, tls }) => ({
        CRM_PORT: String(port), CRM_HOST: host, CRM_DB_FILE: dbFile, CRM_TEST_MODE: '1', CRM_FAULTS: faults,
        ...(https ? { CRM_HTTPS: '1' } : {}),
        ...(tls ? { CRM_TLS_CERT_FILE: tls.certFile, CRM_TLS_KEY_FILE: tls.keyFile } : {}),
      }),
    },
    async revokeSession(baseUrl, state) {
      const id = sessionIdOf(state);
      if (!id) throw new Error('the stored state holds no crm_sid cookie');
      await revokeSession(baseUrl, id);
    },
  },
});
