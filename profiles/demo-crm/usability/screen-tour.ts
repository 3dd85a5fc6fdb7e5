import { test, type Browser } from '@playwright/test';
import { env } from '../../../fixtures/env.js';
import type { Actor } from '../actor.js';
import { axeScan, findingLine, type AxeFinding } from './axe-scan.js';

/** One screen to check: a path, and optionally a button that opens a dialog on it (checked too). */
export interface Screen {
  name: string;
  path: string;
  /** the dialog's name, and the name of the button that opens it or what the user does to open it */
  dialog?: { opener: string | (() => Promise<void>); name: string };
}

/**
 * Opens each screen as `actor` and runs axe on it (and on its dialog, opened by its button); the
 * findings of every screen are attached to the report, the blocking ones returned.
 */
export async function axeTour(actor: Actor, screens: readonly Screen[]): Promise<AxeFinding[]> {
  const blocking: AxeFinding[] = [];
  const other: AxeFinding[] = [];
  for (const screen of screens) {
    await actor.step(`opens ${screen.name} and has it checked by axe`, async () => {
      await actor.page.goto(screen.path);
      await actor.page.getByRole('heading', { level: 1 }).first().waitFor();
      const page = await axeScan(actor.page, screen.name);
      blocking.push(...page.blocking);
      other.push(...page.other);
      if (!screen.dialog) return;
      const { opener } = screen.dialog;
      if (typeof opener === 'string') await actor.page.getByRole('button', { name: opener, exact: true }).first().click();
      else await opener();
      await actor.page.getByRole('dialog', { name: screen.dialog.name }).waitFor();
      const dialog = await axeScan(actor.page, `${screen.name} — dialog "${screen.dialog.name}"`, 'dialog[open]');
      blocking.push(...dialog.blocking);
      other.push(...dialog.other);
    });
  }
  await test.info().attach(`axe findings (${actor.name})`, {
    body: [`serious or critical: ${blocking.length}`, ...blocking.map(findingLine), '', `other (listed, not failing): ${other.length}`, ...other.map(findingLine)].join('\n'),
    contentType: 'text/plain',
  });
  return blocking;
}

/** axe on pages a signed-out visitor sees (the sign-in pages), in a browser without any session. */
export async function axeSignedOut(browser: Browser, paths: readonly string[]): Promise<AxeFinding[]> {
  const context = await browser.newContext({ baseURL: env.crmBaseUrl, ignoreHTTPSErrors: true });
  const blocking: AxeFinding[] = [];
  try {
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(path);
      blocking.push(...(await axeScan(page, `the signed-out page ${path}`)).blocking);
    }
  } finally {
    await context.close();
  }
  return blocking;
}
