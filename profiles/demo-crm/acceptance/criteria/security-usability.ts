import type { Criterion } from '../../../../fixtures/acceptance/criteria-schema.js';

/** Security and usability (flows/demo-crm/security, flows/demo-crm/usability). */
export const SECURITY_USABILITY_CRITERIA: Criterion[] = [
  // Security
  { id: 'AC-SEC-01', area: 'security', priority: 'must',
    statement: 'Every change request without a valid session or CSRF token is refused (401/403) and changes nothing; a signed-out user reaching any page is sent to the login page.' },
  { id: 'AC-SEC-02', area: 'security', priority: 'must',
    statement: 'Text typed into any field (names, subjects, notes, CSV cells) is shown as text, never run as HTML or script, on every screen and in every export.' },
  { id: 'AC-SEC-03', area: 'security', priority: 'must',
    statement: 'Passwords never appear in pages, API answers, exports, logs or test reports; sessions expire after the documented idle time.' },

  // Usability: judged by people (manual-checks.json)
  { id: 'AC-USE-01', area: 'usability', priority: 'should', manual: true,
    statement: 'A sales rep new to the CRM completes lead capture to accepted quote, guided only by the user guide, without asking for help.' },
  { id: 'AC-USE-02', area: 'usability', priority: 'should', manual: true,
    statement: 'Every error message says what is wrong and how to fix it, in the words of the business, in English and Chinese, as judged by a key user of each department.' },
  { id: 'AC-USE-03', area: 'usability', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'serious accessibility violations' },
    statement: 'The main screens of every role have no serious or critical accessibility violations (labels, contrast, keyboard use).' },

];
