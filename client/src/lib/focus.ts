/** After React has rendered the change just made (a panel closed, an error shown). */
export function afterRender(f: () => void) {
  requestAnimationFrame(() => setTimeout(f, 0));
}

/** Focuses an element that is not a control (a status line, a card), making it focusable by script only. */
export function focusElement(el: HTMLElement | null | undefined): boolean {
  if (!el) return false;
  if (!el.matches('a[href], button, input, select, textarea, [tabindex]')) el.tabIndex = -1;
  el.focus();
  return document.activeElement === el;
}

/** After a failed submit outside the form kit: the first field marked invalid inside `root`. */
export function focusFirstInvalid(root: ParentNode = document): boolean {
  return focusElement(root.querySelector<HTMLElement>('[aria-invalid="true"]'));
}

/** What stays at the bottom of the screen while the page scrolls under it. */
const BOTTOM_BARS = '.sticky-action, .send-bar';

/**
 * Keeps the focused element clear of what is stuck to the bottom of the screen (the search's
 * `.sticky-action`, the emergency `.send-bar`) (WCAG 2.4.7; 2.4.11 in WCAG 2.2); the toasts stuck to
 * the top are kept clear by `scroll-padding-top`. Chromium already honours the `scroll-padding` in styles.css when it scrolls
 * to a focused element; this is the fallback for browsers that scroll only elements off screen, not
 * ones a bar covers. Scrolling cannot move an element that is itself in such a bar.
 */
export function keepFocusClearOfStickyBars(): () => void {
  const onFocus = (e: FocusEvent) => {
    const el = e.target;
    // keyboard focus only: scrolling between a mouse's press and release would make the click miss
    if (!(el instanceof HTMLElement) || !el.matches(':focus-visible') || el.closest(BOTTOM_BARS)) return;
    for (const bar of document.querySelectorAll<HTMLElement>(BOTTOM_BARS)) {
      const r = el.getBoundingClientRect();
      const b = bar.getBoundingClientRect();
      if (r.bottom > b.top && r.top < b.bottom) window.scrollBy({ top: r.bottom - b.top + 16 });
    }
  };
  document.addEventListener('focusin', onFocus);
  return () => document.removeEventListener('focusin', onFocus);
}
