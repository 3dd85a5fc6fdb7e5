import https from 'node:https';
import fs from 'node:fs';
import { env } from '../../../fixtures/env.js';
import { paths } from '../../../fixtures/paths.js';
import { runCertificate } from '../../../fixtures/tls.js';
import { SESSION_COOKIE } from '../http.js';
import { OwnCrm } from '../migration/own-crm.js';
import { ownCrmPort } from '../own-crm-ports.js';
import { createdUser, throwawayUserInput, type ThrowawayUser } from './raw-http.js';

export interface HttpsCrm {
  crm: OwnCrm;
  /** a new user the admin creates there, with a random password only this test knows */
  throwawayUser: (o: { role: string; team?: 'sales' | 'support'; tag: string }) => Promise<ThrowawayUser>;
}

export interface OwnSessionCrms {
  /** A CRM of the test's own (fresh database, the run's defect switches) whose sessions end `idleSeconds` unused or `maxSeconds` after sign-in. */
  withSessionLimits(limits: { idleSeconds: number; maxSeconds: number }): Promise<OwnCrm>;
  /** A CRM of the test's own over HTTPS, with a self-signed certificate made for its address. */
  overHttps(): Promise<HttpsCrm>;
}

/** The `sessionCrm` fixture: the CRMs a test starts are stopped, and their databases removed, after it. */
export async function ownSessionCrms({}, use: (crms: OwnSessionCrms) => Promise<void>): Promise<void> {
  const started: OwnCrm[] = [];
  const start = async (make: (port: number) => OwnCrm): Promise<OwnCrm> => {
    const crm = make(await ownCrmPort('sessions'));
    started.push(crm);
    await crm.start({ fresh: true });
    return crm;
  };
  try {
    await use({
      withSessionLimits: ({ idleSeconds, maxSeconds }) => start((port) =>
        new OwnCrm(port, 'sessions', { env: { CRM_SESSION_IDLE_SECONDS: String(idleSeconds), CRM_SESSION_MAX_SECONDS: String(maxSeconds) } })),
      async overHttps() {
        let ca = Buffer.alloc(0);
        const crm = await start((port) => {
          const certificate = runCertificate(paths.workDir, `https://127.0.0.1:${port}`);
          ca = fs.readFileSync(certificate.certFile);
          return new OwnCrm(port, 'sessions-https', { tls: certificate });
        });
        return { crm, throwawayUser: (o) => throwawayUserOverHttps(crm.baseUrl, ca, o) };
      },
    });
  } finally {
    await Promise.all(started.map((crm) => crm.dispose()));
  }
}

interface Answer { status: number; cookies: string[]; body: unknown }

/** JSON over HTTPS to a CRM whose certificate only `ca` vouches for (Node's fetch cannot be told per call). Untraced. */
function httpsJson(url: string, ca: Buffer, o: { method: string; json: unknown; headers?: Record<string, string> }): Promise<Answer> {
  const body = JSON.stringify(o.json);
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: o.method, ca, timeout: 15_000, headers: { 'content-type': 'application/json', accept: 'application/json', ...o.headers } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, cookies: response.headers['set-cookie'] ?? [], body: text ? JSON.parse(text) as unknown : null }));
    });
    request.on('timeout', () => request.destroy(new Error(`${o.method} ${url} timed out`)));
    request.on('error', reject);
    request.end(body);
  });
}

async function throwawayUserOverHttps(origin: string, ca: Buffer, o: { role: string; team?: 'sales' | 'support'; tag: string }): Promise<ThrowawayUser> {
  const admin = env.roles.admin;
  if (!admin) throw new Error('role admin has no credentials');
  const login = await httpsJson(`${origin}/api/auth/login`, ca, { method: 'POST', json: { username: admin.username, password: admin.password } });
  const cookie = login.cookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (login.status !== 200 || !cookie) throw new Error(`the admin's sign-in on ${origin} answered HTTP ${login.status}`);
  const spec = throwawayUserInput(o);
  const csrfToken = (login.body as { csrfToken: string }).csrfToken;
  return createdUser(spec, await httpsJson(`${origin}/api/users`, ca, { method: 'POST', json: spec.input, headers: { cookie, 'x-csrf-token': csrfToken } }));
}
