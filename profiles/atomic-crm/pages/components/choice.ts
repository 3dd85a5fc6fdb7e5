import type { Locator, Page } from '@playwright/test';

/**
 * The two pickers of Atomic CRM's forms (shadcn-admin-kit on Radix): a select (`combobox` that
 * opens a `listbox` of options) and a reference autocomplete (`combobox` that opens a popover
 * dialog with its own search box and a "Suggestions" listbox).
 */

/** Picks `option` in a select and waits until the select shows it. */
export async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click();
  await select.filter({ hasText: option }).waitFor();
}

/**
 * Searches a reference autocomplete for `name`, picks the record with exactly that name and waits
 * until the autocomplete shows it. The record must exist (the autocomplete would offer "Create …").
 */
export async function pickRecord(page: Page, autocomplete: Locator, name: string): Promise<void> {
  await autocomplete.click();
  // the popover opens last in the document; a form can hold other, closed Suggestions lists
  const popover = page.getByRole('dialog').filter({ has: page.getByRole('listbox', { name: 'Suggestions' }) }).last();
  await popover.getByRole('combobox').fill(name);
  await popover.getByRole('option', { name, exact: true }).click();
  await autocomplete.filter({ hasText: name }).waitFor();
}
