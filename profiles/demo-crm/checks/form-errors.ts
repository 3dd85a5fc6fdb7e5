import { expect } from '@playwright/test';
import type { Form } from '../../../pages/components/form.js';
import type { InvalidCase } from '../data/validation-cases.js';

const startsWith = (message: string) => new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** The form shows exactly one invalid field, the one the case breaks, with its documented message (its hint may follow). */
export async function expectOnlyFieldError(form: Form, c: InvalidCase<unknown>): Promise<void> {
  expect(await form.fieldErrors(), `${c.case}: the form is shown again naming ${c.field} with "${c.message}"`).toEqual({ [c.field]: expect.stringMatching(startsWith(c.message)) });
}
