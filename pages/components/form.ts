import type { Locator, Page } from '@playwright/test';
import { labelled } from './labelled.js';
import { press, pressTwice, type Settled } from './press.js';

export type FieldValue = string | number | { option: string } | { checked: boolean };

/**
 * A web form: labelled inputs, a submit button, and on rejection an inline error per field
 * (aria-invalid + aria-describedby) plus a role=alert summary.
 */
export class Form {
  constructor(
    readonly page: Page,
    /** the form element, or any container of one form (a dialog, the main area) */
    readonly root: Locator,
    /** what shows the user the form was answered: `pageLoad` for a server-rendered CRM, a visible element for a single-page app */
    readonly settled: Settled,
  ) {}

  field(label: string): Locator {
    return labelled(this.root, label);
  }

  async fill(values: Record<string, FieldValue>): Promise<void> {
    for (const [label, value] of Object.entries(values)) {
      const field = this.field(label);
      if (typeof value === 'object' && 'option' in value) await field.selectOption({ label: value.option });
      else if (typeof value === 'object') await field.setChecked(value.checked);
      else await field.fill(String(value));
    }
  }

  /** Clicks the submit button and waits until the answer is shown (see `settled`). */
  async submit(buttonName: string, until: Settled = this.settled): Promise<void> {
    await press(this.submitButton(buttonName), until);
  }

  /** Double-clicks the submit button (an impatient user) and waits until the answer is shown. */
  async submitTwice(buttonName: string, until: Settled = this.settled): Promise<void> {
    await pressTwice(this.submitButton(buttonName), until);
  }

  submitButton(buttonName: string): Locator {
    return this.root.getByRole('button', { name: buttonName, exact: true });
  }

  /** The inline error of one field, or null when the field is valid. */
  async fieldError(label: string): Promise<string | null> {
    const field = this.field(label);
    if ((await field.getAttribute('aria-invalid')) !== 'true') return null;
    const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
    const texts = await Promise.all(ids.map((id) => this.page.locator(`[id="${id}"]`).innerText()));
    return texts.join(' ').trim() || null;
  }

  /** Inline errors of every invalid field, keyed by label. */
  async fieldErrors(): Promise<Record<string, string>> {
    const invalid = await this.root.locator('[aria-invalid="true"]').all();
    const errors: Record<string, string> = {};
    for (const field of invalid) {
      const id = await field.getAttribute('id');
      const label = id ? (await this.page.locator(`label[for="${id}"]`).innerText()).replace(/\s*\*$/, '').trim() : '';
      const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
      errors[label] = (await Promise.all(ids.map((d) => this.page.locator(`[id="${d}"]`).innerText()))).join(' ').trim();
    }
    return errors;
  }

  /** The role=alert summary of a rejected submit, or null when there is none. */
  async errorSummary(): Promise<string | null> {
    const alert = this.page.getByRole('main').getByRole('alert');
    return (await alert.count()) > 0 ? (await alert.first().innerText()).trim() : null;
  }
}
