import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit, diffChanges } from '../../../core/audit.js';
import { authorize } from '../../../core/auth.js';
import { nowIso } from '../../../core/clock.js';
import { notFound, parseInput, ValidationError } from '../../../core/http.js';
import { listParamsSchema, runList, type ListResult } from '../../../core/list.js';
import { mergePatch } from '../patch.js';
import { prefixSearch } from '../search.js';
import { productInputSchema, type ProductInput } from '../validation.js';
import {
  getProduct, getProductBySku, insertProduct, PRODUCT_AUDIT_KEYS, PRODUCT_SELECT, toProduct, updateProductValues,
  type ProductRow,
} from './product-store.js';

export const productListQuery = listParamsSchema.extend({
  active: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false'], { error: 'Choose true or false' }).optional()),
});
export type ProductListQuery = z.output<typeof productListQuery>;

export function listProducts(req: FastifyRequest, query: unknown): { list: ListResult<ProductRow>; filters: ProductListQuery } {
  authorize(req, 'product', 'list');
  const p = parseInput(productListQuery, query);
  const where: string[] = [];
  const params: unknown[] = [];
  if (p.active) { where.push('p.active = ?'); params.push(p.active === 'true' ? 1 : 0); }
  const q = p.q?.trim() ?? '';
  const list = runList<Omit<ProductRow, 'active'> & { active: number }>(req.server.crm.db, {
    select: PRODUCT_SELECT, from: 'products p', where, params, q,
    searchSql: q ? prefixSearch(q, ['p.sku', 'p.name']) : undefined,
    sortColumns: { sku: 'p.sku', name: 'p.name', unitPrice: 'p.unit_price_cents', taxRate: 'p.tax_rate_bp' },
    sort: p.sort, dir: p.dir, defaultSort: 'name', page: p.page, pageSize: p.pageSize,
  });
  return { list: { ...list, items: list.items.map(toProduct) }, filters: p };
}

export function viewProduct(req: FastifyRequest, id: number): ProductRow {
  authorize(req, 'product', 'view');
  return getProduct(req.server.crm.db, id) ?? notFound('No such product');
}

/** SKUs are unique regardless of case. */
function assertSkuFree(req: FastifyRequest, sku: string, exceptId?: number): void {
  const other = getProductBySku(req.server.crm.db, sku);
  if (other && other.id !== exceptId) throw new ValidationError({ sku: `SKU ${sku} is already used by ${other.name}` });
}

export function createProduct(req: FastifyRequest, body: unknown): ProductRow {
  authorize(req, 'product', 'create');
  const { db } = req.server.crm;
  const input: ProductInput = parseInput(productInputSchema, body);
  assertSkuFree(req, input.sku);
  const id = db.transaction(() => {
    const newId = insertProduct(db, input, nowIso(req));
    audit(req, { action: 'create', object: 'product', recordId: newId, summary: `product ${input.sku} ${input.name}`, changes: diffChanges({}, { ...input }) });
    return newId;
  })();
  return getProduct(db, id) as ProductRow;
}

export function updateProduct(req: FastifyRequest, id: number, body: unknown): ProductRow {
  authorize(req, 'product', 'edit');
  const { db } = req.server.crm;
  const row = getProduct(db, id) ?? notFound('No such product');
  const before = { sku: row.sku, name: row.name, unitPriceCents: row.unitPriceCents, taxRateBp: row.taxRateBp, active: row.active };
  const input = parseInput(productInputSchema, mergePatch(before, body, PRODUCT_AUDIT_KEYS));
  if (input.sku.toLowerCase() !== row.sku.toLowerCase()) assertSkuFree(req, input.sku, id);
  const changes = diffChanges({ ...before }, { ...input }, PRODUCT_AUDIT_KEYS);
  if (Object.keys(changes).length > 0) {
    db.transaction(() => {
      updateProductValues(db, id, input, nowIso(req));
      audit(req, { action: 'update', object: 'product', recordId: id, changes });
    })();
  }
  return getProduct(db, id) as ProductRow;
}
