import type { Locator, Page, PageAssertionsToHaveScreenshotOptions } from '@playwright/test';
import { AppShell } from '../pages/app-shell.js';
import { WIDTHS } from './layout.js';

/** The window sizes the baselines are drawn at: a desktop, and the tablet and phone of the layout checks. */
export const SCREEN_SIZES = { desktop: { width: 1280, height: 800 }, ...WIDTHS } as const;
export type ScreenSize = keyof typeof SCREEN_SIZES;

/**
 * Takes the defect-switch banner (it names the run's switches) out of the page just opened, so a
 * switch shows in a screenshot only where it changes the screen itself. Removed, not styled away: the
 * CRM's CSP refuses an injected style, and a full-page screenshot measures the page before its
 * `stylePath` applies.
 */
export async function withoutFaultBanner(page: Page): Promise<void> {
  await new AppShell(page).faultBanner.evaluateAll((banners) => banners.forEach((b) => b.remove()));
}

/**
 * How a screen is compared with its approved baseline: the whole page, with the parts that change
 * from run to run (`dynamic`, from the page objects) masked. The pixel tolerance is the
 * configuration's (playwright.config.ts, expect.toHaveScreenshot).
 */
export function approvedLook(dynamic: readonly Locator[]): PageAssertionsToHaveScreenshotOptions {
  return { fullPage: true, mask: [...dynamic] };
}
