/**
 * Fluent UI's dialogs hide the rest of the page with `aria-hidden` (through tabster) while open.
 * When a dialog is closed without focus coming back, or unmounted while open (navigation after a
 * delete), tabster can leave `#root` hidden for good (fluentui#35139): the page then vanishes for
 * screen readers. These helpers put focus back and clear the stale attribute.
 */

/** Removes a leftover `aria-hidden` from the app root when no dialog is open. */
export function clearStaleAriaHidden(): void {
  if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
  document.getElementById("root")?.removeAttribute("aria-hidden");
}

/** Moves focus back to the control that opened a dialog once the dialog has closed. */
export function returnFocus(el: HTMLElement | null | undefined): void {
  window.setTimeout(() => {
    if (el && el.isConnected) el.focus();
    clearStaleAriaHidden();
  }, 0);
}
