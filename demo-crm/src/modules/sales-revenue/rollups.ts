/**
 * Account money fields, computed from the payment and invoice records at read time (never cached):
 * lifetime revenue = Σ payments on the account's invoices;
 * open balance = Σ (invoice total − Σ its payments) over the account's invoices not yet Paid.
 */
import type { Database } from 'better-sqlite3';
import type { AccountFinancials } from '../sales-crm/extensions.js';
import type { Faults } from '../../core/faults.js';

export function accountFinancialsOf(db: Database, faults: Faults, accountId: number): AccountFinancials {
  // Defect switch account-revenue-stale: the payment that completed an invoice is left out, as if the
  // roll-up had been refreshed only for partial payments.
  const staleFilter = faults.on('account-revenue-stale')
    ? `AND NOT (i.status = 'Paid' AND p.id = (SELECT MAX(p2.id) FROM payments p2 WHERE p2.invoice_id = i.id))`
    : '';
  const lifetime = db
    .prepare(`SELECT COALESCE(SUM(p.amount_cents), 0) AS n FROM payments p JOIN invoices i ON i.id = p.invoice_id
              WHERE i.account_id = ? ${staleFilter}`)
    .get(accountId) as { n: number };
  const open = db
    .prepare(`SELECT COALESCE(SUM(i.total_cents - COALESCE((SELECT SUM(p.amount_cents) FROM payments p WHERE p.invoice_id = i.id), 0)), 0) AS n
              FROM invoices i WHERE i.account_id = ? AND i.status <> 'Paid'`)
    .get(accountId) as { n: number };
  return { lifetimeRevenueCents: lifetime.n, openBalanceCents: open.n };
}
