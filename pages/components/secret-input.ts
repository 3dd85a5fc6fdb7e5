import type { Locator } from '@playwright/test';

/**
 * Types a secret into an input without it reaching any step title or report. Playwright names a
 * fill step after its value (`Fill "…"`), and that title lands in the HTML report and in Allure;
 * setting the value in the page keeps the step generic. The value goes through the input's native
 * setter, so framework-controlled inputs (React, Vue) see the change as if it had been typed.
 * Sign-in runs untraced (the setup project, a separate process), so the value is not in a trace either.
 */
export async function fillSecret(input: Locator, secret: string): Promise<void> {
  await input.focus();
  await input.evaluate((el, value) => {
    if (!(el instanceof HTMLInputElement)) throw new Error('fillSecret needs an <input>');
    // React and friends track `value` through the prototype's setter; assigning el.value bypasses it
    Reflect.set(HTMLInputElement.prototype, 'value', value, el);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, secret);
}
