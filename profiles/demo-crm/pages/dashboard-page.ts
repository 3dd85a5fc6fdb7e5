import type { Locator } from '@playwright/test';
import { AppShell } from './app-shell.js';

/** The role's dashboard: widgets of metrics, each value under data-testid="metric-<id>". */
export class DashboardPage extends AppShell {
  async open(): Promise<void> {
    await this.goto('/');
  }

  /** e.g. won-this-month, pipeline-total, pipeline-negotiation, open-invoice-balance */
  metric(id: string): Locator {
    return this.page.getByTestId(`metric-${id}`);
  }

  widget(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }
}
