import type { Migration } from '../../core/module.js';

/**
 * Quotes → approvals → orders → invoices → payments. Ownership is never copied: it is always the
 * opportunity's owner (opportunities.owner_id), reached by join, so a reassigned opportunity moves its
 * money documents with it. Amount columns are integer cents and never exceed 2^53 − 1 (pricing.ts).
 */
export const salesRevenueMigrations: Migration[] = [
  {
    id: '150-sales-revenue-quotes',
    sql: `
CREATE TABLE quotes (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  number TEXT NOT NULL UNIQUE,
  opportunity_id INTEGER NOT NULL REFERENCES opportunities(id),
  status TEXT NOT NULL CHECK (status IN ('Draft','Pending approval','Approved','Sent','Accepted','Declined')),
  subtotal_cents INTEGER NOT NULL DEFAULT 0 CHECK (subtotal_cents >= 0),
  tax_cents INTEGER NOT NULL DEFAULT 0 CHECK (tax_cents >= 0),
  grand_total_cents INTEGER NOT NULL DEFAULT 0 CHECK (grand_total_cents >= 0),
  max_discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (max_discount_bp BETWEEN 0 AND 10000),
  approval_level TEXT NOT NULL DEFAULT 'none' CHECK (approval_level IN ('none','manager','admin')),
  rejection_comment TEXT NULL,
  approved_by INTEGER NULL REFERENCES users(id),
  approved_at TEXT NULL,
  sent_at TEXT NULL,
  decided_at TEXT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX quotes_opportunity ON quotes(opportunity_id, status);
CREATE INDEX quotes_status ON quotes(status, created_at);
CREATE INDEX quotes_created ON quotes(created_at);
CREATE INDEX quotes_total ON quotes(grand_total_cents);

CREATE TABLE quote_lines (
  id INTEGER PRIMARY KEY,
  quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products(id),
  product_sku TEXT NOT NULL,
  product_name TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  discount_bp INTEGER NOT NULL CHECK (discount_bp BETWEEN 0 AND 10000),
  tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  net_cents INTEGER NOT NULL CHECK (net_cents >= 0),
  tax_cents INTEGER NOT NULL CHECK (tax_cents >= 0),
  total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX quote_lines_quote ON quote_lines(quote_id, id);
CREATE INDEX quote_lines_product ON quote_lines(product_id);

CREATE TABLE approvals (
  id INTEGER PRIMARY KEY,
  quote_id INTEGER NOT NULL REFERENCES quotes(id),
  level TEXT NOT NULL CHECK (level IN ('manager','admin')),
  status TEXT NOT NULL CHECK (status IN ('Pending','Approved','Rejected','Withdrawn')),
  max_discount_bp INTEGER NOT NULL,
  grand_total_cents INTEGER NOT NULL,
  requested_by INTEGER NOT NULL REFERENCES users(id),
  requested_at TEXT NOT NULL,
  decided_by INTEGER NULL REFERENCES users(id),
  decided_at TEXT NULL,
  comment TEXT NULL
) STRICT;
CREATE INDEX approvals_status ON approvals(status, requested_at);
CREATE INDEX approvals_quote ON approvals(quote_id);
CREATE INDEX approvals_requested ON approvals(requested_at);
`,
  },
  {
    id: '151-sales-revenue-orders-invoices',
    sql: `
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  number TEXT NOT NULL UNIQUE,
  quote_id INTEGER NOT NULL UNIQUE REFERENCES quotes(id),
  opportunity_id INTEGER NOT NULL REFERENCES opportunities(id),
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  subtotal_cents INTEGER NOT NULL CHECK (subtotal_cents >= 0),
  tax_cents INTEGER NOT NULL CHECK (tax_cents >= 0),
  total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX orders_opportunity ON orders(opportunity_id);
CREATE INDEX orders_account ON orders(account_id);
CREATE INDEX orders_created ON orders(created_at);
CREATE INDEX orders_total ON orders(total_cents);

CREATE TABLE order_lines (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products(id),
  product_sku TEXT NOT NULL,
  product_name TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price_cents INTEGER NOT NULL,
  discount_bp INTEGER NOT NULL,
  tax_rate_bp INTEGER NOT NULL,
  net_cents INTEGER NOT NULL,
  tax_cents INTEGER NOT NULL,
  total_cents INTEGER NOT NULL
) STRICT;
CREATE INDEX order_lines_order ON order_lines(order_id, id);

CREATE TABLE invoices (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  number TEXT NOT NULL UNIQUE,
  order_id INTEGER NOT NULL UNIQUE REFERENCES orders(id),
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
  paid_cents INTEGER NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),
  status TEXT NOT NULL CHECK (status IN ('Issued','Partially paid','Paid')),
  issued_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  paid_at TEXT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX invoices_account ON invoices(account_id, status);
CREATE INDEX invoices_status ON invoices(status, due_at);
CREATE INDEX invoices_issued ON invoices(issued_at);
CREATE INDEX invoices_due ON invoices(due_at);
CREATE INDEX invoices_total ON invoices(total_cents);

CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  invoice_id INTEGER NOT NULL REFERENCES invoices(id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  paid_on TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('Bank transfer','Card','Check','Cash')),
  reference TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX payments_invoice ON payments(invoice_id, id);
CREATE INDEX payments_paid_on ON payments(paid_on);
CREATE INDEX payments_amount ON payments(amount_cents);
`,
  },
];
