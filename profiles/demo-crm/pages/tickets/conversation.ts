import type { Locator, Page } from '@playwright/test';

/**
 * A ticket's conversation, on the staff ticket page and in the portal: the description first, then
 * each message with a header saying its kind ("Public reply" or "Internal note") and its author.
 */
export class Conversation {
  readonly root: Locator;
  readonly description: Locator;
  readonly messages: Locator;
  readonly internalNotes: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Conversation', exact: true });
    this.description = this.root.getByTestId('ticket-description');
    this.messages = this.root.getByTestId('message');
    this.internalNotes = this.messages.filter({ has: this.kindLabel('Internal note') });
  }

  /** Messages whose text contains `text`, whatever their kind. */
  message(text: string): Locator {
    return this.messages.filter({ hasText: text });
  }

  /** The kind a message is shown as: "Public reply" or "Internal note". */
  kindOf(text: string): Locator {
    return this.message(text).getByRole('strong').first();
  }

  private kindLabel(kind: string): Locator {
    return this.page.getByRole('strong').filter({ hasText: new RegExp(`^${kind}$`) });
  }
}
