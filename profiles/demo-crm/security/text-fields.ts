import type { Locator } from '@playwright/test';
import type { FieldValue, Form } from '../../../pages/components/form.js';
import { assignPayloads, type Payload } from './payloads.js';

/**
 * The free-text fields of a form, found on the screen rather than listed by hand: every visible,
 * editable text input (no type or type=text/search) and textarea, by its label. Typed fields (email,
 * tel, url, date, number) and selects are not free text.
 */
export function freeTextLabels(root: Locator): Promise<string[]> {
  return root.evaluate((form) => {
    const fields = [...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].filter((el) => {
      if (el.readOnly || el.disabled || el.offsetParent === null) return false;
      return el instanceof HTMLTextAreaElement || ['text', 'search'].includes(el.type);
    });
    return fields.map((el) => {
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : el.closest('label');
      return (label?.textContent ?? el.name).replace(/\s*\*\s*$/, '').trim();
    });
  });
}

export interface TypedRecord {
  /** label → the payload typed there and kept */
  typed: Record<string, Payload & { value: string }>;
  /** label → the CRM's message for a payload it refused as input (a format rule, e.g. a website address) */
  refused: Record<string, string>;
}

/**
 * Fills the form with valid values, then types a payload into every free-text field and submits.
 * A field whose rule refuses the payload gets its valid value back (the refusal is recorded: refusing
 * is safe too) and the form is sent again, so the record is saved with every payload it accepts.
 */
export async function submitWithPayloads(
  form: Form,
  o: { valid: Record<string, FieldValue>; payloads: readonly Payload[]; round: number; prefix: string; submit: string },
): Promise<TypedRecord> {
  await form.fill(o.valid);
  const labels = await freeTextLabels(form.root);
  const typed = assignPayloads(labels, o.payloads, o.round, o.prefix);
  await form.fill(Object.fromEntries(Object.entries(typed).map(([label, p]) => [label, p.value])));
  await form.submit(o.submit);
  const refused = await form.root.isVisible() ? await form.fieldErrors() : {};
  if (Object.keys(refused).length === 0) return { typed, refused };
  const unfixable = Object.keys(refused).filter((label) => !(label in typed) || o.valid[label] === undefined);
  if (unfixable.length) throw new Error(`the form refused fields that have no valid value to fall back to: ${JSON.stringify(refused)}`);
  await form.fill(Object.fromEntries(Object.keys(refused).map((label) => [label, o.valid[label]!])));
  for (const label of Object.keys(refused)) delete typed[label];
  await form.submit(o.submit);
  return { typed, refused };
}
