/**
 * The HTTP security headers every answer of the CRM must carry, as rules of our own (OWASP Secure
 * Headers): judged on any answer — a page, an API answer, a static file, a refusal, an error page.
 */
export interface Answer {
  /** "GET /leads as admin" */
  what: string;
  /** the path asked for */
  path: string;
  status: number;
  headers: Headers;
}

/** Referrer policies that never send a page's path to another site. */
const PRIVATE_REFERRERS = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
const ONE_YEAR = 31_536_000;

/** `default-src 'self'; script-src 'self'` → { 'default-src': ["'self'"], 'script-src': ["'self'"] } */
export function cspDirectives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!.toLowerCase(), values]));
}

function cspProblems(csp: string | null): string[] {
  if (!csp) return ['no Content-Security-Policy'];
  const d = cspDirectives(csp);
  const scripts = d.get('script-src') ?? d.get('default-src');
  const objects = d.get('object-src') ?? d.get('default-src');
  return [
    ...(!scripts ? ['the CSP does not restrict scripts (no script-src, no default-src)'] : []),
    ...(scripts?.filter((v) => ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:'].includes(v)).map((v) => `the CSP lets scripts run from ${v}`) ?? []),
    ...(objects?.join(' ') === "'none'" ? [] : ["the CSP allows plug-ins (object-src is not 'none')"]),
    ...(['\'none\'', "'self'"].includes(d.get('frame-ancestors')?.join(' ') ?? '') ? [] : ["the CSP lets other sites frame the CRM (frame-ancestors is not 'none' or 'self')"]),
    ...(d.has('base-uri') ? [] : ['the CSP leaves <base> free (no base-uri)']),
  ];
}

/**
 * One line per rule `answer` breaks. `cached`: a static file, which may be cached; everything else
 * holds user data and must be no-store. `https`: the CRM is served over HTTPS and must ask for it (HSTS).
 */
export function headerProblems(answer: Answer, o: { cached: boolean; https: boolean }): string[] {
  const h = answer.headers;
  const hsts = /max-age=(\d+)/.exec(h.get('strict-transport-security') ?? '');
  const problems = [
    ...cspProblems(h.get('content-security-policy')),
    ...(h.get('x-content-type-options')?.toLowerCase() === 'nosniff' ? [] : ['no X-Content-Type-Options: nosniff']),
    ...(['deny', 'sameorigin'].includes(h.get('x-frame-options')?.toLowerCase() ?? '') ? [] : ['no X-Frame-Options DENY or SAMEORIGIN (for browsers without frame-ancestors)']),
    ...(PRIVATE_REFERRERS.includes(h.get('referrer-policy')?.toLowerCase() ?? '') ? [] : [`Referrer-Policy "${h.get('referrer-policy') ?? ''}" may send the page's address to other sites`]),
    ...(o.cached || /(^|,\s*)no-store(\s*,|$)/.test(h.get('cache-control') ?? '') ? [] : [`Cache-Control "${h.get('cache-control') ?? ''}" lets a cache keep it (no-store missing)`]),
    ...(!o.https || (hsts && Number(hsts[1]) >= ONE_YEAR) ? [] : [`Strict-Transport-Security "${h.get('strict-transport-security') ?? ''}": not a year or more`]),
  ];
  return problems.map((p) => `${answer.what} (${answer.status}): ${p}`);
}
