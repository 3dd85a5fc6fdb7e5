import type { Page } from '@playwright/test';

export const WIDTHS = { tablet: { width: 768, height: 1024 }, phone: { width: 390, height: 844 } } as const;

/**
 * What is wrong with the layout of the page as shown now: horizontal scrolling (the document wider
 * than the window, with the element that sticks out named), and for staff screens a main navigation
 * that is missing, hidden or whose links cannot be seen.
 */
export async function layoutProblems(page: Page, screen: string, o: { navigation: boolean }): Promise<string[]> {
  const found = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflow = document.documentElement.scrollWidth - width;
    const widest = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('[data-scrolls-x]') && getComputedStyle(el).position !== 'fixed')
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`)
      .slice(0, 3);
    const nav = document.querySelector<HTMLElement>('nav[aria-label="Main"]');
    const links = nav ? [...nav.querySelectorAll<HTMLAnchorElement>('a')] : [];
    const visibleLinks = links.filter((a) => {
      const r = a.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= width + 1 && getComputedStyle(a).visibility !== 'hidden';
    });
    return { overflow, widest, nav: Boolean(nav), links: links.length, visibleLinks: visibleLinks.length };
  });
  const problems: string[] = [];
  if (found.overflow > 0) problems.push(`${screen}: scrolls sideways by ${found.overflow}px (${found.widest.join(', ') || 'the page'} stick out)`);
  if (o.navigation && !found.nav) problems.push(`${screen}: no main navigation`);
  if (o.navigation && found.visibleLinks < found.links) problems.push(`${screen}: ${found.links - found.visibleLinks} of ${found.links} navigation links cannot be seen`);
  return problems;
}
