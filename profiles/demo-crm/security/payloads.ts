/**
 * The injection catalogue: text a user (or an attacker) can type into any field. Each XSS payload
 * carries a probe id and, if the CRM ever renders it as markup, announces itself three ways that do
 * not depend on a Content-Security-Policy letting it run:
 *  - `data-xss-probe="<id>"` on the injected element (markup got into the DOM, even when inert);
 *  - a call to `window.__xssProbe('<id>')` (script ran: the probe browser bypasses the CSP on purpose);
 *  - a request to http://xss-probe.invalid/<id> (a resource was loaded from the payload).
 */
export const PROBE_BINDING = '__xssProbe';
export const PROBE_HOST = 'xss-probe.invalid';

export interface Payload {
  id: string;
  /** what the payload tries */
  kind: 'script' | 'event-handler' | 'attribute-breakout' | 'markup' | 'url' | 'resource' | 'template' | 'sql';
  text: string;
}

const call = (id: string) => `${PROBE_BINDING}('${id}')`;

/** XSS and HTML payloads; each fits a 100-character name field. */
export const XSS_PAYLOADS: readonly Payload[] = [
  { id: 's1', kind: 'script', text: `<script>${call('s1')}</script>` },
  { id: 'i1', kind: 'event-handler', text: `<img src=x onerror="${call('i1')}" data-xss-probe="i1">` },
  { id: 'v1', kind: 'attribute-breakout', text: `"><svg onload="${call('v1')}" data-xss-probe="v1">` },
  { id: 'q1', kind: 'attribute-breakout', text: `'><b data-xss-probe="q1" onclick="${call('q1')}">q1</b>` },
  { id: 'a1', kind: 'url', text: `<a href="javascript:${call('a1')}" data-xss-probe="a1">a1</a>` },
  { id: 'r1', kind: 'resource', text: `<img src="http://${PROBE_HOST}/r1" data-xss-probe="r1">` },
  { id: 't1', kind: 'script', text: `</textarea></title><script>${call('t1')}</script>` },
  { id: 'f1', kind: 'markup', text: `<iframe data-xss-probe="f1" srcdoc="<b>f1</b>"></iframe>` },
  { id: 'm1', kind: 'template', text: '{{7*7}} ${7*7} <%= 7*7 %> #{7*7}' },
];

/** SQL-like input: must be stored and shown exactly as typed, and never change what a query returns. */
export const SQL_PAYLOADS: readonly Payload[] = [
  { id: 'sq1', kind: 'sql', text: "Robert'); DROP TABLE leads;--" },
  { id: 'sq2', kind: 'sql', text: "x' OR '1'='1" },
  { id: 'sq3', kind: 'sql', text: '1; UPDATE users SET role=\'admin\' --' },
  { id: 'sq4', kind: 'sql', text: '%_\\%\' UNION SELECT password_hash FROM users --' },
];

/**
 * One payload per field, rotated by `round` so that, over as many rounds as there are payloads, every
 * field gets every payload; with `round` = record number the catalogue is spread over the fields.
 * `prefix` (the test's data tag) keeps each value unique and findable by the CRM's prefix search.
 */
export function assignPayloads(fields: readonly string[], payloads: readonly Payload[], round: number, prefix: string): Record<string, Payload & { value: string }> {
  if (payloads.length === 0) throw new Error('assignPayloads: the catalogue is empty');
  return Object.fromEntries(fields.map((field, i) => {
    const p = payloads[(i + round) % payloads.length]!;
    return [field, { ...p, value: `${prefix} ${p.text}` }];
  }));
}

/** The probe ids found in a text (what a probe reported, or what the DOM carried). */
export function probeIdsIn(values: readonly string[]): string[] {
  const known = new Set(XSS_PAYLOADS.map((p) => p.id));
  return [...new Set(values.filter((v) => known.has(v)))].sort();
}
