// Measures a page against the kiosk's fit rules: no document scroll, every control in view, hit-testable and ≥ 44 × 44 px.
import type { Page } from 'playwright-core';

/** WCAG 2.2 target size (enhanced, 2.5.5) and the common touch guideline: 44 × 44 CSS px. */
export const minTargetPx = 44;

/**
 * Which rule the page follows (renderer/README.md, "Fitting the screen"):
 * - `patient`: everything fits the viewport; nothing scrolls, nothing is cut off.
 * - `staff`: the header, navigation and the page's primary action (its first row of form actions, or a
 *   form's submit button) stay in view; the rest of the page scrolls inside its content region
 *   (`.staff-main`), never the document. Every control is still ≥ 44 px.
 */
export type FitRule = 'patient' | 'staff';

/**
 * Page-side source text (this file compiles for Node, without the DOM library). Answers a list of
 * problems as readable lines; empty when the page fits.
 *
 * A control inside a <label> is measured by its label: tapping the label operates it, so the label is
 * the touch target (e.g. a settings checkbox with its text).
 */
function checkSource(rule: FitRule, min: number): string {
  return `(() => {
  const rule = ${JSON.stringify(rule)};
  const min = ${min};
  const slack = 0.5;
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const problems = [];
  const scroller = document.scrollingElement ?? document.documentElement;
  if (scroller.scrollHeight > vh + slack) problems.push('document scrolls vertically: ' + scroller.scrollHeight + ' px of ' + vh);
  if (scroller.scrollWidth > vw + slack) problems.push('document scrolls horizontally: ' + scroller.scrollWidth + ' px of ' + vw);
  const region = rule === 'staff' ? document.querySelector('.staff-main') : null;
  // The page's primary action: its first row of form actions (or a form's own submit button).
  const primaryGroup = region ? region.querySelector('.staff-form-actions, .staff-form > button[type="submit"]') : null;
  if (rule === 'staff') {
    if (!region) problems.push('no .staff-main content region');
    else {
      const r = region.getBoundingClientRect();
      if (r.top < -slack || r.bottom > vh + slack) problems.push('content region is not inside the viewport');
      if (r.height < Math.min(200, vh / 3)) problems.push('content region is only ' + Math.round(r.height) + ' px high');
    }
  }
  const nameOf = (el) => {
    const text = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim().replace(/\\s+/g, ' ');
    return el.tagName.toLowerCase() + (text ? ' "' + text.slice(0, 30) + '"' : '');
  };
  const inView = (r) => r.left >= -slack && r.top >= -slack && r.right <= vw + slack && r.bottom <= vh + slack;
  const hit = (el, r) => {
    const x = Math.min(Math.max(r.left + r.width / 2, 0), vw - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), vh - 1);
    const top = document.elementFromPoint(x, y);
    return top !== null && (el.contains(top) || top.contains(el));
  };
  const actionable = document.querySelectorAll('button, a[href], input, select, textarea, [role="button"], [role="switch"], [role="checkbox"]');
  for (const el of actionable) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const target = el.closest('label') ?? el;
    const r = target.getBoundingClientRect();
    const name = nameOf(el);
    if (r.width < min - slack || r.height < min - slack) {
      problems.push(name + ' is ' + Math.round(r.width) + '×' + Math.round(r.height) + ' px (< ' + min + ')');
    }
    const scrolls = region !== null && region.contains(el);
    const primary = primaryGroup !== null && primaryGroup.contains(el);
    if (scrolls && !primary) continue;
    if (!inView(r)) {
      problems.push(name + ' is outside the viewport at ' + Math.round(r.left) + ',' + Math.round(r.top) + ' (' + Math.round(r.width) + '×' + Math.round(r.height) + ')');
    } else if (!hit(target, r)) {
      problems.push(name + ' is covered by another element');
    }
  }
  if (rule === 'patient') {
    // Text cut off by an overflow would pass the checks above: every piece of visible text must be in view.
    for (const el of document.querySelectorAll('main *, .simulation-badge, .inactivity-notice *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
      if (!own || !el.checkVisibility({ visibilityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (!inView(r)) problems.push('text ' + nameOf(el) + ' is outside the viewport at ' + Math.round(r.left) + ',' + Math.round(r.top));
    }
  }
  return problems;
})()`;
}

/** The fit problems of the page as it is now (empty when it fits). */
export async function fitProblems(page: Page, rule: FitRule): Promise<string[]> {
  return page.evaluate<string[]>(checkSource(rule, minTargetPx));
}

/**
 * How wide a language's patient text is: the summed rendered width of every visible text run on the
 * page, each measured on one line in its own computed font. Wrapping does not change it, so it compares
 * languages however the layout breaks their lines.
 */
export async function textWidth(page: Page): Promise<number> {
  return page.evaluate<number>(`(() => {
  const ctx = document.createElement('canvas').getContext('2d');
  let total = 0;
  for (const el of document.querySelectorAll('body *')) {
    if (!el.checkVisibility()) continue;
    for (const n of el.childNodes) {
      if (n.nodeType !== 3 || n.textContent.trim() === '') continue;
      ctx.font = getComputedStyle(el).font;
      total += ctx.measureText(n.textContent.trim()).width;
    }
  }
  return total;
})()`);
}
