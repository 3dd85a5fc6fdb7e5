import type { Locator } from '@playwright/test';

/**
 * Types a secret into an input without it reaching any report. Playwright names a fill step after
 * its value (`Fill "…"`), and that title lands in the HTML report and in Allure; setting the value
 * in the page and firing the input events the browser would fire keeps the step title generic.
 */
export async function fillSecret(input: Locator, secret: string): Promise<void> {
  await input.focus();
  await input.evaluate((el, value) => {
    if (!(el instanceof HTMLInputElement)) throw new Error('fillSecret needs an <input>');
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, secret);
}
