import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../../core/auth.js';
import { dataTable, detailList, errorSummary, field, formTag, html, money, pageHeader, searchBar, statusBadge } from '../../../core/html.js';
import { redirectWithToast, sendPage, ValidationError } from '../../../core/http.js';
import { can } from '../../../core/permissions.js';
import { recordId } from '../access.js';
import { centsToDollars, formValues, handleForm, linkButton, moneyField, percentToBp, taxRateLabel, type FormValues } from '../ui.js';
import { createProduct, listProducts, updateProduct, viewProduct } from './product-service.js';
import type { ProductRow } from './product-store.js';

function productFormPage(
  req: FastifyRequest, reply: FastifyReply,
  o: { product?: ProductRow; values: FormValues; errors?: Record<string, string>; status?: number },
): FastifyReply {
  const e = o.errors ?? {};
  const v = o.values;
  const title = o.product ? `Edit ${o.product.name}` : 'New product';
  const body = html`${pageHeader(title)}${errorSummary(e)}
    <section class="card">${formTag(req, {
      action: o.product ? `/products/${o.product.id}/edit` : '/products/new', label: title,
      submitLabel: o.product ? 'Save changes' : 'Create product',
      body: html`<div class="grid-2">
        ${field({ name: 'sku', label: 'SKU', value: v.sku, error: e.sku, required: true, hint: 'Unique; letters, digits, dashes, underscores, dots.' })}
        ${field({ name: 'name', label: 'Name', value: v.name, error: e.name, required: true })}
        ${field({ name: 'unitPrice', label: 'Unit price ($)', value: v.unitPrice, error: e.unitPrice ?? e.unitPriceCents, required: true })}
        ${field({ name: 'taxRate', label: 'Tax rate (%)', value: v.taxRate, error: e.taxRate ?? e.taxRateBp, required: true, hint: 'For example 13 or 6.5' })}
        ${field({ name: 'active', label: 'Active (can be added to new quotes)', type: 'checkbox', checked: v.active === '1' })}
      </div>`,
    })}</section>`;
  return sendPage(reply, req, { title, body, status: o.status });
}

/** The form speaks dollars and percent; the API cents and basis points. */
function formToInput(values: FormValues): Record<string, unknown> {
  const errors: Record<string, string> = {};
  const unitPriceCents = moneyField(values, 'unitPrice', 'a unit price', errors);
  if (unitPriceCents === undefined && !errors.unitPrice) errors.unitPrice = 'Enter a unit price in dollars, for example 19.99';
  const taxRateBp = percentToBp(values.taxRate ?? '');
  if (taxRateBp === null) errors.taxRate = 'Enter a tax rate in percent from 0 to 100, for example 13 or 6.5';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { sku: values.sku, name: values.name, unitPriceCents, taxRateBp, active: values.active === '1' };
}

function valuesOf(p: ProductRow): FormValues {
  return {
    sku: p.sku, name: p.name, unitPrice: centsToDollars(p.unitPriceCents), taxRate: taxRateLabel(p.taxRateBp).replace('%', ''),
    active: p.active ? '1' : '',
  };
}

export function registerProductPages(app: FastifyInstance): void {
  app.get('/products', (req, reply) => {
    const { list, filters } = listProducts(req, req.query);
    const user = authorize(req, 'product', 'list');
    const body = html`${pageHeader('Products', can(user, 'product', 'create') ? linkButton('/products/new', 'New product', 'primary') : undefined, 'Price book')}
      ${searchBar({
        baseUrl: '/products', q: list.q, label: 'Search products',
        filters: [{ name: 'active', label: 'Active', options: [{ value: 'true', label: 'Active' }, { value: 'false', label: 'Inactive' }], value: filters.active }],
      })}
      ${dataTable<ProductRow>({
        caption: 'Products', list, baseUrl: '/products', query: { active: filters.active },
        columns: [
          { key: 'sku', label: 'SKU', sortable: true, render: (r) => html`<a href="/products/${r.id}">${r.sku}</a>` },
          { key: 'name', label: 'Name', sortable: true, render: (r) => r.name },
          { key: 'unitPrice', label: 'Unit price', sortable: true, numeric: true, render: (r) => money(r.unitPriceCents) },
          { key: 'taxRate', label: 'Tax rate', sortable: true, numeric: true, render: (r) => taxRateLabel(r.taxRateBp) },
          { key: 'active', label: 'Status', render: (r) => statusBadge(r.active ? 'Active' : 'Inactive', `product-status-${r.id}`) },
        ],
      })}`;
    return sendPage(reply, req, { title: 'Products', body });
  });

  app.get('/products/new', (req, reply) => {
    authorize(req, 'product', 'create');
    return productFormPage(req, reply, { values: { active: '1', taxRate: '13' } });
  });
  app.post('/products/new', (req, reply) => {
    authorize(req, 'product', 'create');
    const values = formValues(req.body);
    return handleForm(
      () => {
        const p = createProduct(req, formToInput(values));
        return redirectWithToast(reply, req, `/products/${p.id}`, `Product ${p.sku} created`);
      },
      (errors, status) => productFormPage(req, reply, { values, errors, status }),
    );
  });

  app.get('/products/:id', (req, reply) => {
    const p = viewProduct(req, recordId(req));
    const body = html`${pageHeader(p.name, can(req.user!, 'product', 'edit') ? linkButton(`/products/${p.id}/edit`, 'Edit') : undefined, html`Product · ${statusBadge(p.active ? 'Active' : 'Inactive')}`)}
      <section class="card" aria-label="Product details">${detailList([
        { key: 'sku', label: 'SKU', value: p.sku },
        { key: 'unitPrice', label: 'Unit price', value: money(p.unitPriceCents) },
        { key: 'taxRate', label: 'Tax rate', value: taxRateLabel(p.taxRateBp) },
        { key: 'active', label: 'Active', value: p.active ? 'Yes' : 'No' },
      ])}</section>`;
    return sendPage(reply, req, { title: p.name, body });
  });

  app.get('/products/:id/edit', (req, reply) => {
    authorize(req, 'product', 'edit');
    const p = viewProduct(req, recordId(req));
    return productFormPage(req, reply, { product: p, values: valuesOf(p) });
  });
  app.post('/products/:id/edit', (req, reply) => {
    authorize(req, 'product', 'edit');
    const id = recordId(req);
    const values = formValues(req.body);
    return handleForm(
      () => {
        const p = updateProduct(req, id, formToInput(values));
        return redirectWithToast(reply, req, `/products/${id}`, `Product ${p.sku} saved`);
      },
      (errors, status) => productFormPage(req, reply, { product: viewProduct(req, id), values, errors, status }),
    );
  });
}
