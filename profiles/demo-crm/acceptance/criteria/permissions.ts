import type { Criterion } from '../../../../fixtures/acceptance/criteria-schema.js';

/**
 * Permission criteria beyond the matrix cells (catalogue.ts holds one per object and the field and
 * ownership rules): the route-level completeness of issue 13.
 */
export const PERMISSION_ROUTE_CRITERIA: Criterion[] = [
  { id: 'AC-PERM-R01', area: 'permissions', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'route × role calls that disagree with the permission matrix' },
    statement: 'Every /api route the CRM serves is classified (object, action, whose record) in the acceptance route table, and every role calling it — on :id routes with its own record, another owner\'s in its team, another team\'s and another customer account\'s — is allowed (2xx, the record or the change really there) or refused (403, none of the record\'s data, nothing changed when admin reads it back) exactly as the permission matrix and the ownership rules say; a served route the table does not classify, or a table row the CRM no longer serves, fails.' },
  { id: 'AC-PERM-R02', area: 'permissions', priority: 'must', threshold: { metric: 'count', max: 0, unit: 'page × role answers that disagree with the permission matrix' },
    statement: 'Every page the CRM serves (GET, HTML) is classified in the acceptance page table — by object, action and whose record, or as a page outside the matrix with who may open it — and every role opening it by direct URL, without following a redirect, on :id pages with the records of each owner, gets the page itself (200, with the record on it) where the matrix allows and 403 without the record\'s data where it refuses; the admin alone opens Backups; a signed-in user opening their own sign-in page is sent to their start page.' },
];
