// Where things are on the screen: the page must not scroll sideways, and the cells that matter must be in view.
import type { Locator, Page } from 'playwright-core';

/** How much wider than the viewport the page is (0 when nothing scrolls sideways), and the elements that stick out. */
export async function sidewaysOverflow(page: Page): Promise<{ px: number; culprits: string[] }> {
  return page.evaluate<{ px: number; culprits: string[] }>(`(() => {
    const width = document.documentElement.clientWidth;
    // Clipped by an ancestor (visually hidden text): not seen, so not in the way. An ancestor that scrolls
    // (overflow auto) does not excuse it: scrolling sideways inside a box is what a phone user must not need.
    const clipped = (el) => {
      for (let a = el.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if ((o === 'hidden' || o === 'clip') && a.getBoundingClientRect().right <= width + 0.5) return true;
      }
      return false;
    };
    const culprits = [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el))
      .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > width + 0.5 && !clipped(c)))
      .slice(0, 5)
      .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ').join('.') : ''));
    return { px: document.documentElement.scrollWidth - width, culprits };
  })()`);
}

/** The cells of a locator that are not wholly within the viewport's width, described by their text. */
export async function cellsOutOfView(page: Page, cells: Locator): Promise<string[]> {
  const width = page.viewportSize()?.width ?? 0;
  const out: string[] = [];
  for (const cell of await cells.all()) {
    const box = await cell.boundingBox();
    const text = ((await cell.textContent()) ?? '').trim().slice(0, 40);
    if (!box || box.width === 0 || box.x < 0 || box.x + box.width > width + 0.5)
      out.push(`${text} (${box ? `${Math.round(box.x)}–${Math.round(box.x + box.width)} px` : 'hidden'})`);
  }
  return out;
}

/** The element that has the focus: its tag, id, and text or label, to compare after each step. */
export async function focused(page: Page): Promise<{ tag: string; id: string; text: string; html: string }> {
  return page.evaluate<{ tag: string; id: string; text: string; html: string }>(`(() => {
    const el = document.activeElement;
    if (!el) return { tag: '', id: '', text: '', html: '' };
    const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\\s+/g, ' ');
    return { tag: el.tagName.toLowerCase(), id: el.id, text: text.slice(0, 600), html: el.outerHTML.slice(0, 160) };
  })()`);
}
