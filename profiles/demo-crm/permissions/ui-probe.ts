import type { Page } from '@playwright/test';
import { AppShell, judgeAccess, type AccessOutcome } from '../pages/app-shell.js';
import type { Control } from './ui-targets.js';

/**
 * One role's browser page, used for every UI and direct-URL cell of that role. A denial is read only
 * from the explicit access-denied marker once the page has loaded, and must come with HTTP 403; a
 * 5xx, an error page or a 404 for a record that exists is a problem, never a pass.
 */
export type Outcome = AccessOutcome;

export interface Visit {
  url: string;
  status: number;
  outcome: Outcome;
  /** the main area's text: where a record's marker shows */
  text: string;
  problems: string[];
}

export class UiProbe {
  readonly shell: AppShell;
  private current: Visit | undefined;
  private menu: string[] | undefined;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  /** Opens `url` unless the page already shows it. */
  async open(url: string): Promise<Visit> {
    if (this.current?.url === url) return this.current;
    // goto resolves once the page has loaded (server-rendered); AppShell.read() then reads it in
    // one browser round trip: some seven hundred pages per run made locator queries the main cost.
    const response = await this.page.goto(url);
    const status = response?.status() ?? 0;
    const read = await this.shell.read();
    const { outcome, problems } = judgeAccess(url, status, read);
    const mainText = read.mainText;
    const text = outcome === 'allowed' ? mainText : '';
    this.current = { url, status, outcome, text, problems };
    return this.current;
  }

  /** The role's menu entries, read once from its home page. */
  async menuLabels(home: string): Promise<string[]> {
    if (!this.menu) {
      await this.open(home);
      this.menu = await this.shell.nav.labels();
    }
    return this.menu;
  }

  /** How many visible, enabled controls of this kind the current page offers (optionally in the row showing `rowText`). */
  async controls(control: Control, rowText?: string): Promise<number> {
    const main = this.page.getByRole('main');
    const scope = rowText ? main.getByRole('row').filter({ hasText: rowText }) : main;
    return scope.getByRole(control.role, { name: control.name, exact: typeof control.name === 'string', disabled: false }).filter({ visible: true }).count();
  }

  /** Whether the table row showing `text` links somewhere (the way to open the record from its list). */
  async rowLinks(text: string): Promise<boolean> {
    return (await this.page.getByRole('main').getByRole('row').filter({ hasText: text }).getByRole('link').count()) > 0;
  }

  /** A file download by direct URL (an export), with the browser's session. */
  async download(url: string): Promise<{ status: number; contentType: string; body: string }> {
    const response = await this.page.request.get(url);
    return { status: response.status(), contentType: response.headers()['content-type'] ?? '', body: await response.text() };
  }
}
