"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CloseIcon, MenuIcon } from "@/components/ui/icons";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { BrandMark } from "./brand-mark";
import type { NavItem } from "./nav-items";
import { SidebarNav } from "./sidebar-nav";

/**
 * Below sm the sidebar is hidden and the top bar shows this menu button instead: the navigation opens as a modal
 * drawer (focus kept inside, Escape or a tap outside closes it). Its links exist only while it is open, so they
 * never duplicate the sidebar's on wider screens.
 */
export function MobileNav({ items }: { items: readonly NavItem[] }) {
  const t = useTranslations("shell");
  const tCommon = useTranslations("common");
  const [open, setOpen] = useState(false);
  const ref = useModalDialog(open);

  const close = () => setOpen(false);

  return (
    <>
      <button
        type="button"
        data-testid="mobile-nav-open"
        aria-label={t("openMenu")}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
        className="mr-auto -ml-1 inline-flex size-9 items-center justify-center rounded-md text-fg-muted hover:bg-surface-muted hover:text-fg sm:hidden"
      >
        <MenuIcon className="size-5" />
      </button>
      <dialog
        ref={ref}
        data-testid="mobile-nav"
        aria-label={t("menu")}
        onClose={close}
        // A tap on the backdrop lands on the dialog itself; taps inside land on its content.
        onClick={(event) => {
          if (event.target === event.currentTarget) close();
        }}
        className="m-0 h-dvh max-h-none w-64 max-w-[85vw] border-r border-border bg-surface-muted p-0 text-fg shadow-xl backdrop:bg-black/40 open:flex open:flex-col"
      >
        {open ? (
          <>
            <div className="flex h-12 shrink-0 items-center justify-between border-b border-border px-3">
              <Link
                href="/"
                onClick={close}
                className="flex items-center gap-2 rounded-md text-sm font-semibold tracking-tight"
              >
                <BrandMark />
                {tCommon("appName")}
              </Link>
              <button
                type="button"
                data-testid="mobile-nav-close"
                aria-label={t("closeMenu")}
                onClick={close}
                autoFocus
                className="inline-flex size-9 items-center justify-center rounded-md text-fg-muted hover:bg-surface hover:text-fg"
              >
                <CloseIcon className="size-5" />
              </button>
            </div>
            <SidebarNav items={items} expanded onNavigate={close} />
          </>
        ) : null}
      </dialog>
    </>
  );
}
