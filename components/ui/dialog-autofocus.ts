/**
 * Ref callback for the control a Dialog should focus when it opens. The native
 * <dialog> focuses its first [autofocus] descendant on showModal(), but React's
 * autoFocus prop sets no attribute (and focuses before the dialog is shown).
 * A control that mounts in a dialog already open (its form was loaded on
 * demand) takes the focus itself.
 */
export function dialogAutoFocus(el: HTMLElement | null) {
  if (!el) return;
  el.setAttribute("autofocus", "");
  // Once: a ref callback made afresh each render runs again at every render, and
  // would pull the focus back from whatever field the user is typing in.
  if (el.closest("dialog")?.open && !focused.has(el)) {
    focused.add(el);
    el.focus();
  }
}

const focused = new WeakSet<HTMLElement>();
