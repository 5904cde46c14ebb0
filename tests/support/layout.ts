/**
 * Geometric layout checks of a page as Chromium rendered it, shadow DOM included: what a
 * person in front of the screen would see as broken. Each check returns a list of plain
 * sentences (empty when the page is fine), so a failing assertion says what is wrong and
 * where; `assertLayout` runs them all.
 *
 * - overflow: an element that sticks out of the viewport, or a box whose content is cut
 *   off (its scroll size exceeds its client size while it hides the overflow);
 * - overlap: two visible interactive elements (buttons, links, inputs, selects) that
 *   cover each other, or one covering text it does not contain;
 * - broken words: a word of a text node laid out on two lines (each word's Range gives
 *   one client rect per line it spans);
 * - small text: text smaller than a minimum size, for screens read from a distance.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';

export interface LayoutOptions {
  /** Smallest font size (px) allowed for visible text. */
  minFontPx?: number;
  /** CSS selectors of elements left out of every check (e.g. a scrolling ticker). */
  ignore?: string[];
  /** CSS selectors of boxes that may scroll sideways (a wide table on a phone). */
  allowScroll?: string[];
}

/** Runs in the page: every check, over the whole tree including open shadow roots. */
function inspectLayout(opts: { minFontPx: number; ignore: string[]; allowScroll: string[] }): string[] {
  const problems: string[] = [];
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const TOLERANCE = 1;

  const elements: Element[] = [];
  const collect = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      elements.push(el);
      if (el.shadowRoot) collect(el.shadowRoot);
    }
  };
  collect(document);

  const ignored = (el: Element): boolean => {
    for (let n: Node | null = el; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) {
      if (n instanceof Element && opts.ignore.some((s) => n.matches(s))) return true;
    }
    return false;
  };
  const describe = (el: Element): string => {
    const id = el.getAttribute('data-testid') ?? el.id;
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id ? `#${id}` : ''}${cls}>${text ? ` "${text}"` : ''}`;
  };
  const visible = (el: Element): boolean => {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  /** Visually hidden on purpose (screen-reader text): 1 px boxes with clipping. */
  const srOnly = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    return r.width <= 1 && r.height <= 1;
  };

  const shown = elements.filter((el) => !ignored(el) && visible(el) && !srOnly(el));
  /** Inside a box that scrolls sideways: reachable by scrolling it (the box itself is checked). */
  const scrollsSideways = (el: Element): boolean => {
    for (let n: Node | null = el.parentNode; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) {
      if (n instanceof Element && ['auto', 'scroll'].includes(getComputedStyle(n).overflowX)) return true;
    }
    return false;
  };

  // Overflow of the viewport, and content cut off inside a box that hides its overflow.
  for (const el of shown) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (style.position !== 'fixed' && (r.right > vw + TOLERANCE || r.left < -TOLERANCE) && !scrollsSideways(el)) {
      problems.push(`${describe(el)} sticks out of the viewport horizontally (${Math.round(r.left)}..${Math.round(r.right)} of ${vw})`);
    }
    if (style.position === 'fixed' && (r.bottom > vh + TOLERANCE || r.right > vw + TOLERANCE)) {
      problems.push(`${describe(el)} (fixed) sticks out of the viewport`);
    }
    const scrolls = (v: string) => v === 'auto' || v === 'scroll';
    if (scrolls(style.overflowX) && el.scrollWidth > el.clientWidth + TOLERANCE && !opts.allowScroll.some((s) => el.matches(s))) {
      problems.push(`${describe(el)} hides part of its content behind a sideways scroll (${el.scrollWidth} in ${el.clientWidth})`);
    }
    const hides = (v: string) => v === 'hidden' || v === 'clip';
    if ((hides(style.overflowX) && el.scrollWidth > el.clientWidth + TOLERANCE) || (hides(style.overflowY) && el.scrollHeight > el.clientHeight + TOLERANCE)) {
      problems.push(`${describe(el)} cuts off its content (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`);
    }
  }

  // SVG text (chart labels) inside its drawing: the viewBox clips whatever falls outside.
  for (const drawing of shown.filter((el) => el.tagName.toLowerCase() === 'svg')) {
    const box = drawing.getBoundingClientRect();
    for (const label of drawing.querySelectorAll('text')) {
      const r = label.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.top < box.top - TOLERANCE || r.bottom > box.bottom + TOLERANCE || r.left < box.left - TOLERANCE || r.right > box.right + TOLERANCE) {
        problems.push(`the chart label "${label.textContent}" is clipped by its drawing ${describe(drawing)}`);
      }
    }
  }

  // The page itself must not scroll sideways.
  if (document.documentElement.scrollWidth > vw + TOLERANCE) {
    problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} wide in a ${vw} px viewport)`);
  }

  // Interactive elements that cover each other.
  const interactive = shown.filter((el) => el.matches('button, a[href], input:not([type=hidden]), select, textarea, [role=button]'));
  const intersects = (a: DOMRect, b: DOMRect) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > TOLERANCE && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > TOLERANCE;
  for (let i = 0; i < interactive.length; i++) {
    for (let j = i + 1; j < interactive.length; j++) {
      const a = interactive[i];
      const b = interactive[j];
      if (a.contains(b) || b.contains(a)) continue;
      if (a.tagName === 'LABEL' || b.tagName === 'LABEL') continue;
      if (intersects(a.getBoundingClientRect(), b.getBoundingClientRect())) {
        problems.push(`${describe(a)} and ${describe(b)} overlap`);
      }
    }
  }

  // Text nodes: broken words, overlapping interactive elements, too small.
  const reported = new Set<Element>();
  for (const el of shown) {
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) continue;
      const style = getComputedStyle(el);
      if (parseFloat(style.fontSize) < opts.minFontPx - 0.5 && !reported.has(el)) {
        reported.add(el);
        problems.push(`${describe(el)} has ${style.fontSize} text, below ${opts.minFontPx}px`);
      }
      const text = node.textContent;
      for (const m of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1 && !/[-/–—·]/.test(m[0])) problems.push(`the word "${m[0]}" in ${describe(el)} is broken over ${lines.size} lines`);
        else if (lines.size > 1) problems.push(`"${m[0]}" in ${describe(el)} wraps inside (${lines.size} lines)`);
        const box = range.getBoundingClientRect();
        for (const control of interactive) {
          if (control.contains(node)) continue;
          if (box.width > 0 && intersects(box, control.getBoundingClientRect())) {
            problems.push(`${describe(control)} covers the text "${m[0]}" of ${describe(el)}`);
            break;
          }
        }
      }
    }
  }
  return [...new Set(problems)];
}

/** Every layout problem of the page as it is now. */
async function layoutProblems(page: Page, options: LayoutOptions = {}): Promise<string[]> {
  return page.evaluate(inspectLayout, { minFontPx: options.minFontPx ?? 0, ignore: options.ignore ?? [], allowScroll: options.allowScroll ?? [] });
}

/**
 * Saves test-artifacts/screenshots/<name>.png, then asserts the page has no layout problem.
 * The screenshot comes first so a failure leaves the picture of what failed.
 */
export async function assertLayout(page: Page, name: string, options: LayoutOptions = {}): Promise<void> {
  await screenshot(page, `screenshots/${name}`);
  const problems = await layoutProblems(page, options);
  assert.deepEqual(problems, [], `layout of ${name}:\n${problems.join('\n')}`);
}

/** The box of each element matched by `selector` (shadow DOM pierced), keyed by a data attribute. */
export async function boxesOf(page: Page, selector: string, key: string): Promise<Record<string, { x: number; y: number; width: number; height: number }>> {
  const out: Record<string, { x: number; y: number; width: number; height: number }> = {};
  for (const el of await page.locator(selector).all()) {
    const name = await el.getAttribute(key);
    const box = await el.boundingBox();
    if (name && box) out[name] = { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) };
  }
  return out;
}
