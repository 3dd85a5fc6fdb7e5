import type { Locator } from '@playwright/test';
import { AppShell } from '../app-shell.js';

/** One contact: name (the heading), email, phone, job title, account. */
export class ContactDetailPage extends AppShell {
  field(key: 'email' | 'phone' | 'title' | 'account' | 'owner'): Locator {
    return this.page.getByTestId(`field-${key}`);
  }
}
