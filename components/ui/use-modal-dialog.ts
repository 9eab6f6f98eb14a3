import { useEffect, useRef, type RefObject } from "react";

/**
 * Keeps a `<dialog>` in step with `open`: shown with showModal (so the browser keeps focus inside and Escape
 * closes it) while open, closed otherwise. The dialog's own `onClose` must set `open` back to false, as Escape
 * closes it without asking.
 */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}
