import type { Database } from 'better-sqlite3';

export interface ProductRow {
  id: number;
  sku: string;
  name: string;
  unitPriceCents: number;
  /** basis points: 1300 = 13% */
  taxRateBp: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export const PRODUCT_SELECT = `p.id AS id, p.sku AS sku, p.name AS name, p.unit_price_cents AS unitPriceCents,
  p.tax_rate_bp AS taxRateBp, p.active AS active, p.created_at AS createdAt, p.updated_at AS updatedAt`;

/** SQLite has no boolean: `active` comes back as 0/1. */
export function toProduct(row: Omit<ProductRow, 'active'> & { active: number | boolean }): ProductRow {
  return { ...row, active: row.active === 1 || row.active === true };
}

export function getProduct(db: Database, id: number): ProductRow | undefined {
  const row = db.prepare(`SELECT ${PRODUCT_SELECT} FROM products p WHERE p.id = ?`).get(id) as
    | (Omit<ProductRow, 'active'> & { active: number })
    | undefined;
  return row ? toProduct(row) : undefined;
}

export function getProductBySku(db: Database, sku: string): ProductRow | undefined {
  const row = db.prepare(`SELECT ${PRODUCT_SELECT} FROM products p WHERE p.sku = ?`).get(sku) as
    | (Omit<ProductRow, 'active'> & { active: number })
    | undefined;
  return row ? toProduct(row) : undefined;
}

export interface ProductValues {
  sku: string;
  name: string;
  unitPriceCents: number;
  taxRateBp: number;
  active: boolean;
}

export const PRODUCT_AUDIT_KEYS = ['sku', 'name', 'unitPriceCents', 'taxRateBp', 'active'] as const;

export function insertProduct(db: Database, v: ProductValues, at: string): number {
  const info = db
    .prepare(
      `INSERT INTO products (sku, name, unit_price_cents, tax_rate_bp, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(v.sku, v.name, v.unitPriceCents, v.taxRateBp, v.active ? 1 : 0, at, at);
  return Number(info.lastInsertRowid);
}

export function updateProductValues(db: Database, id: number, v: ProductValues, at: string): void {
  db.prepare(
    'UPDATE products SET sku = ?, name = ?, unit_price_cents = ?, tax_rate_bp = ?, active = ?, updated_at = ? WHERE id = ?',
  ).run(v.sku, v.name, v.unitPriceCents, v.taxRateBp, v.active ? 1 : 0, at, id);
}
