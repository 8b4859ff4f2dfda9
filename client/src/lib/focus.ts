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

/**
 * Keeps the focused element clear of bars stuck to the bottom of the screen (`.sticky-action`,
 * the emergency `.send-bar`)
 * (WCAG 2.4.7; 2.4.11 in WCAG 2.2). Chromium already honours the `scroll-padding` in styles.css when
 * it scrolls to a focused element; this is the fallback for browsers that scroll only elements
 * off screen, not ones a sticky bar covers.
 */
export function keepFocusClearOfStickyBars(): () => void {
  const onFocus = (e: FocusEvent) => {
    const el = e.target;
    if (!(el instanceof HTMLElement)) return;
    for (const bar of document.querySelectorAll<HTMLElement>('.sticky-action, .send-bar')) {
      if (bar.contains(el)) continue;
      const r = el.getBoundingClientRect();
      const b = bar.getBoundingClientRect();
      if (r.bottom > b.top && r.top < b.bottom) window.scrollBy({ top: r.bottom - b.top + 16 });
    }
  };
  document.addEventListener('focusin', onFocus);
  return () => document.removeEventListener('focusin', onFocus);
}
