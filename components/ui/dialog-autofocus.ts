/**
 * Ref callback for the control a Dialog should focus when it opens. The native
 * <dialog> focuses its first [autofocus] descendant on showModal(), but React's
 * autoFocus prop sets no attribute (and focuses before the dialog is shown).
 */
export function dialogAutoFocus(el: HTMLElement | null) {
  el?.setAttribute("autofocus", "");
}
