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
