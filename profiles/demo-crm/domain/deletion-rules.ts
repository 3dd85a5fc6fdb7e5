/**
 * What the CRM may delete or retire, and how it refuses the rest, as documented
 * (demo-crm/README.md "Deleting and deactivating", docs/permissions.md decision 5,
 * demo-crm/docs/sales-crm.md §3 and §7, sales-revenue.md §2): only a lead and a Draft quote's line are
 * ever deleted; products and users are deactivated; everything else has no delete at all.
 */
export const DOCUMENTED_REMOVALS: readonly string[] = [
  'DELETE /api/leads/:id',
  'POST /leads/:id/delete',
  'DELETE /api/quotes/:id/lines/:lineId',
  'POST /quotes/:id/lines/:lineId/delete',
  'POST /admin/users/:id/deactivate',
];

/** A route that deletes, removes or deactivates something. */
export function isRemoval(route: { method: string; path: string }): boolean {
  return route.method === 'DELETE' || /\/(delete|remove|deactivate|archive)$/.test(route.path);
}

/** The documented refusals (409 / 400 messages). */
export const REFUSALS = {
  convertedLead: 'This lead is Converted and read-only',
  lineOfAcceptedQuote: 'Lines can only be changed while the quote is Draft (it is Accepted)',
  retiredProduct: 'Choose an active product from the price book',
} as const;
