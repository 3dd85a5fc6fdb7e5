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

  /** Every metric shown, in page order: its id, the label beside it and its value as displayed. */
  async readings(): Promise<{ id: string; label: string; value: string }[]> {
    return this.page.getByRole('main').locator('dd[data-testid^="metric-"]').evaluateAll((cells) =>
      cells.map((dd) => ({
        id: (dd.getAttribute('data-testid') ?? '').slice('metric-'.length),
        label: (dd.previousElementSibling as HTMLElement | null)?.innerText.trim() ?? '',
        value: (dd as HTMLElement).innerText.trim(),
      })));
  }

  widget(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }
}
