import type { Locator, Page } from '@playwright/test';

/**
 * A ticket's conversation, on the staff ticket page and in the portal: the description first, then
 * each message as an article named "<Public reply|Internal note> by <author>".
 */
export class Conversation {
  readonly root: Locator;
  readonly description: Locator;
  readonly messages: Locator;
  readonly publicReplies: Locator;
  readonly internalNotes: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Conversation', exact: true });
    this.description = this.root.getByTestId('ticket-description');
    this.messages = this.root.getByTestId('message');
    this.publicReplies = this.root.getByRole('article', { name: /^Public reply by / });
    this.internalNotes = this.root.getByRole('article', { name: /^Internal note by / });
  }

  /** Messages whose text contains `text`, whatever their kind. */
  message(text: string): Locator {
    return this.messages.filter({ hasText: text });
  }

  /** "Public reply by Ana Souza" / "Internal note by Ana Souza": how the page names a message. */
  async labelOf(text: string): Promise<string | null> {
    return this.message(text).getAttribute('aria-label');
  }
}
