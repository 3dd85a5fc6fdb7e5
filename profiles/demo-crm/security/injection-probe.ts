import type { Browser, BrowserContext, Page } from '@playwright/test';
import { env } from '../../../fixtures/env.js';
import type { Actor } from '../actor.js';
import { PROBE_BINDING, PROBE_HOST } from './payloads.js';

/** What one screen did with the payloads it displays. */
export interface ScreenInspection {
  path: string;
  status: number;
  /** probe ids whose markup is in the DOM (an element carrying data-xss-probe, or a script/handler calling the probe) */
  injected: string[];
  /** probe ids whose script ran or whose resource was requested while this screen was open */
  executed: string[];
  /** the main area as the user reads it */
  text: string;
}

/**
 * A second browser of the same signed-in user that watches for injected payloads. It bypasses the
 * CRM's Content-Security-Policy on purpose: the CSP is a second line of defence, and a payload that
 * only a CSP keeps from running is still an escaping defect (issue 13). Executions are reported
 * through an exposed binding and a routed probe host, markup through the DOM.
 */
export class InjectionProbe {
  private readonly fired: { id: string; via: 'script' | 'request'; url: string }[] = [];

  private constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
  ) {}

  static async open(browser: Browser, viewer: Actor): Promise<InjectionProbe> {
    const context = await browser.newContext({
      storageState: await viewer.context.storageState(),
      baseURL: env.crmBaseUrl,
      bypassCSP: true,
    });
    const page = await context.newPage();
    const probe = new InjectionProbe(context, page);
    await context.exposeBinding(PROBE_BINDING, (source, id: unknown) => {
      probe.fired.push({ id: String(id), via: 'script', url: source.page?.url() ?? '' });
    });
    await context.route(`http://${PROBE_HOST}/**`, async (route) => {
      probe.fired.push({ id: new URL(route.request().url()).pathname.slice(1), via: 'request', url: page.url() });
      await route.fulfill({ status: 204 });
    });
    return probe;
  }

  /** Opens `path` (the page as that user sees it) and reports what the payloads did there. */
  async inspect(path: string): Promise<ScreenInspection> {
    const before = this.fired.length;
    const response = await this.page.goto(path, { waitUntil: 'load' });
    const dom = await this.page.evaluate((binding) => {
      const ids = new Set<string>();
      for (const el of document.querySelectorAll('[data-xss-probe]')) ids.add(el.getAttribute('data-xss-probe') ?? '?');
      for (const el of document.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) {
          const value = el.getAttribute(attr) ?? '';
          const m = new RegExp(`${binding}\\('(\\w+)'\\)`).exec(value);
          if (m && (attr.startsWith('on') || value.startsWith('javascript:'))) ids.add(m[1]!);
        }
        if (el.tagName === 'SCRIPT') {
          const m = new RegExp(`${binding}\\('(\\w+)'\\)`).exec(el.textContent ?? '');
          if (m) ids.add(m[1]!);
        }
      }
      const main = document.querySelector('main') ?? document.body;
      return { injected: [...ids].sort(), text: main.innerText };
    }, PROBE_BINDING);
    return {
      path, status: response?.status() ?? 0, injected: dom.injected, text: dom.text,
      executed: [...new Set(this.fired.slice(before).map((f) => `${f.id} (${f.via})`))].sort(),
    };
  }

  /** Fetches a file (an export) with the user's session, as text, with its headers. */
  async download(path: string): Promise<{ status: number; contentType: string; disposition: string; text: string }> {
    const response = await this.context.request.get(path);
    return {
      status: response.status(), contentType: response.headers()['content-type'] ?? '',
      disposition: response.headers()['content-disposition'] ?? '', text: await response.text(),
    };
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/**
 * One line per problem: a payload rendered as markup or run, or a value the screen should show as
 * text but does not. `shows` maps a path to the values its main area must contain, verbatim.
 */
export function injectionFindings(inspections: readonly ScreenInspection[], shows: Record<string, readonly string[]> = {}): string[] {
  return inspections.flatMap((s) => [
    ...(s.status >= 400 ? [`${s.path}: HTTP ${s.status}`] : []),
    ...(s.injected.length ? [`${s.path}: payload markup in the page (${s.injected.join(', ')})`] : []),
    ...(s.executed.length ? [`${s.path}: payload ran (${s.executed.join(', ')})`] : []),
    ...(shows[s.path] ?? []).filter((v) => !s.text.includes(v)).map((v) => `${s.path}: does not show ${JSON.stringify(v)} as text`),
  ]);
}
