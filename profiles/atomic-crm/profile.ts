import { CrmUnreachableError, defineProfile, type StorageState } from '../../fixtures/profile.js';
import { networkReason } from '../../fixtures/net.js';
import { AppShell } from './pages/app-shell.js';
import { LoginPage } from './pages/login-page.js';

/**
 * marmelab's Atomic CRM, demo build (README.md here): a React-admin single-page app served as static
 * files, hash-routed, its data generated in the page. One administrator, Jane Doe; the login form
 * takes any email and ignores the password. No API, no clock, no defect switches, nothing to start.
 * Must not import fixtures/env.ts (the configuration loads this file).
 */

/** The localStorage entry the demo's auth provider keeps the signed-in user in. */
export const USER_STORAGE_KEY = 'user';

const SERVE_HINT = 'serve the demo with `python3 -m http.server 4380 --bind 127.0.0.1 --directory ../shared/foreign-crm/atomic-crm-demo` or point CRM_BASE_URL at where it runs';

export default defineProfile({
  name: 'atomic-crm',
  title: 'Atomic CRM (marmelab demo build)',
  defaultBaseUrl: 'http://127.0.0.1:4380',
  roles: [
    {
      key: 'admin',
      title: 'Admin',
      loginKind: 'staff',
      // The demo ignores the password; this one is only typed, and is unusual enough for the
      // no-secrets scan (the demo's own user record holds "demo", a word on every screen).
      defaults: { username: 'janedoe@atomic.dev', password: 'atomic-ignores-this-password', displayName: 'Jane Doe' },
    },
  ],

  async health(baseUrl) {
    let response: Response;
    try {
      response = await fetch(baseUrl, { signal: AbortSignal.timeout(10_000), redirect: 'follow' });
    } catch (error) {
      throw new CrmUnreachableError(`Atomic CRM is not reachable at ${baseUrl} (${networkReason(error)}): ${SERVE_HINT}.`);
    }
    const html = await response.text();
    if (response.status !== 200) {
      throw new CrmUnreachableError(`GET ${baseUrl} answered HTTP ${response.status}, not the Atomic CRM demo's index.html: ${SERVE_HINT}.`);
    }
    const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1]?.trim();
    if (title !== 'Atomic CRM') {
      throw new CrmUnreachableError(
        `${baseUrl} serves ${title ? `a page titled "${title}"` : 'a page without a <title>'}, not Atomic CRM (CRM_PROFILE=atomic-crm): ${SERVE_HINT}.`,
      );
    }
    const bundle = /src="\.?\/?assets\/(index-[\w-]+\.js)"/.exec(html)?.[1];
    return {
      version: `demo build${bundle ? ` (${bundle})` : ''}`,
      faults: [],
      notes: ['data lives in the page and resets on every page load', 'one user (Jane Doe, administrator); any email signs in'],
    };
  },

  async signIn(page, _role, credentials) {
    const login = await new LoginPage(page).goto();
    await login.signIn(credentials.username, credentials.password);
  },

  /** There is no server session: the stored state must hold the demo's signed-in user for the CRM's origin. */
  async sessionValid(baseUrl, state: StorageState) {
    const origin = new URL(baseUrl).origin;
    const entry = state.origins.find((o) => o.origin === origin)?.localStorage.find((e) => e.name === USER_STORAGE_KEY);
    if (!entry) return false;
    try {
      const user = JSON.parse(entry.value) as { email?: unknown };
      return typeof user.email === 'string' && user.email.length > 0;
    } catch {
      return false;
    }
  },

  isLoginUrl: (url) => /^#\/login(?:[/?]|$)/.test(url.hash) || url.pathname.replace(/\/+$/, '') === '/login',

  landing: () => ({ path: '/#/', heading: 'Upcoming Tasks' }),

  signedInUser: (page) => new AppShell(page).userName(),

  capabilities: {},
});
