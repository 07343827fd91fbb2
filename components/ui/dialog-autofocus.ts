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
  if (el.closest("dialog")?.open) el.focus();
}
