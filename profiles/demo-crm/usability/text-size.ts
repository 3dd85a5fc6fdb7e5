import type { Page } from '@playwright/test';

/**
 * Visual comfort, measured: the computed size of every piece of text the screen shows. What users read
 * and type — table cells, record values, form inputs — must be at least `reading` px, unless bold (a
 * status badge in a cell: weight carries it, as in WCAG's "large text"); everything else (labels,
 * hints, badges, captions) at least `smallest` px.
 */
export const TEXT_SIZES = { reading: 14, smallest: 12 } as const;

/** One line per kind of text on the page smaller than its minimum: where, how small, and an example. */
export async function textSizeProblems(page: Page, screen: string): Promise<string[]> {
  const small = await page.evaluate((min) => {
    const READING = 'td, dd, input, textarea, select';
    const found = new Map<string, { px: number; example: string }>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const fields = [...document.querySelectorAll<HTMLElement>('input:not([type=hidden]), textarea, select')];
    const elements = new Set<HTMLElement>(fields);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent?.trim() && node.parentElement) elements.add(node.parentElement);
    }
    for (const el of elements) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || el.closest('[hidden], dialog:not([open])')) continue;
      const px = parseFloat(style.fontSize);
      const reading = (el.matches(READING) || el.closest(READING) !== null) && Number(style.fontWeight) < 600;
      const limit = reading ? min.reading : min.smallest;
      if (px + 0.01 >= limit) continue;
      const kind = `${reading ? 'reading text' : 'text'} in ${el.tagName.toLowerCase()}${el.classList[0] ? `.${el.classList[0]}` : ''}`;
      if (!found.has(kind)) found.set(kind, { px, example: (el.textContent ?? (el as HTMLInputElement).value ?? '').trim().slice(0, 40) });
    }
    return [...found.entries()].map(([kind, f]) => ({ kind, ...f, limit: kind.startsWith('reading') ? min.reading : min.smallest }));
  }, TEXT_SIZES);
  return small.map((s) => `${screen}: ${s.kind} is ${s.px.toFixed(1)} px, under ${s.limit} px ("${s.example}")`);
}
