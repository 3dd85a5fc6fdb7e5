import type { Locator, Page } from '@playwright/test';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The control labelled exactly `label`. Required fields show "Label *" in their <label>, so the
 * match is anchored on the label text with an optional trailing asterisk rather than a substring.
 */
export function labelled(root: Page | Locator, label: string): Locator {
  return root.getByLabel(new RegExp(`^\\s*${escape(label)}(\\s*\\*)?\\s*$`));
}
