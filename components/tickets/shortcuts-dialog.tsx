"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

const SHORTCUTS = [
  ["j", "next"],
  ["k", "previous"],
  ["Enter", "open"],
  ["a", "assign"],
  ["x", "select"],
  ["/", "search"],
  ["?", "help"],
] as const;

/** The keyboard shortcuts, in a modal dialog (focus kept inside, Escape closes). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("tickets.shortcuts");
  const ref = useModalDialog(open);

  return (
    <dialog
      ref={ref}
      data-testid="shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      className="m-auto w-full max-w-sm rounded-lg border border-border bg-surface p-5 text-fg shadow-xl backdrop:bg-black/40"
    >
      <h2 id="shortcuts-title" className="text-base font-semibold">
        {t("title")}
      </h2>
      <dl className="mt-4 space-y-2 text-sm">
        {SHORTCUTS.map(([key, action]) => (
          <div key={key} className="flex items-center justify-between gap-4">
            <dt className="text-fg-muted">{t(action)}</dt>
            <dd>
              <kbd className="inline-flex h-6 min-w-6 items-center justify-center rounded border border-border bg-surface-muted px-1.5 font-mono text-xs">
                {key}
              </kbd>
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-xs text-fg-muted">{t("typingNote")}</p>
      <div className="mt-4 flex justify-end">
        <Button size="sm" onClick={onClose} autoFocus>
          {t("close")}
        </Button>
      </div>
    </dialog>
  );
}
