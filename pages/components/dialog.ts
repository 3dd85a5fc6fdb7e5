import type { Locator, Page } from '@playwright/test';
import { Form, type FieldValue } from './form.js';
import type { Settled } from './press.js';

/** A native <dialog> opened by a button, holding a small form (a reason, a comment). */
export class Dialog {
  readonly root: Locator;
  readonly form: Form;

  constructor(
    readonly page: Page,
    /** the dialog's accessible name (its heading) */
    readonly name: string | RegExp,
    /** what shows the user the confirmed dialog was answered (see Form) */
    settled: Settled,
  ) {
    this.root = page.getByRole('dialog', { name });
    this.form = new Form(page, this.root, settled);
  }

  /** Clicks the button that opens this dialog and waits until it is shown. */
  async openWith(button: Locator): Promise<void> {
    await button.click();
    await this.root.waitFor();
  }

  /** Fills the dialog's fields, presses its confirm button and waits until the answer is shown (`until`: another sign than the dialog's). */
  async confirm(confirmLabel: string, values: Record<string, FieldValue> = {}, until?: Settled): Promise<void> {
    await this.form.fill(values);
    await this.form.submit(confirmLabel, until);
  }

  async cancel(): Promise<void> {
    await this.root.getByRole('button', { name: 'Cancel' }).click();
    await this.root.waitFor({ state: 'hidden' });
  }
}
