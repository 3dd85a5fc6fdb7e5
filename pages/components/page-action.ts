import type { Locator, Page } from '@playwright/test';

/**
 * Presses a button that posts a form (server-rendered action) and waits for the page the CRM answers
 * with: the redirect target with its toast on success, the same screen with its alert on refusal.
 */
export async function pressAndLoad(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}
