const NOT_TYPED = ["checkbox", "radio", "button", "submit", "reset"];

/** Whether a key press belongs to the user's typing (or a modifier chord) rather than to a page shortcut. */
export function isTypingContext(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing)
    return true;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  // Keys pressed in a dialog or a popover's panel belong to it, not to the page.
  if (target.closest("dialog[open], [role='dialog']")) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TYPED.includes(target.type);
}
