"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, useTransition, type FocusEvent } from "react";
import { cn } from "@/components/ui/cn";
import { ChevronDownIcon, SignOutIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import type { Role } from "@/server/auth/permissions";
import { LocaleSwitch } from "./locale-switch";
import { RoleBadges } from "./role-badges";
import { ThemeSwitch } from "./theme-switch";

interface UserMenuProps {
  name: string;
  email: string;
  roles: readonly Role[];
}

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? "?";
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** Account panel: who is signed in, language, theme and sign-out. Closes on Escape, outside click or focus leaving. */
export function UserMenu({ name, email, roles }: UserMenuProps) {
  const t = useTranslations("userMenu");
  const tLocale = useTranslations("locale");
  const tTheme = useTranslations("theme");
  const [open, setOpen] = useState(false);
  const [signingOut, startSignOut] = useTransition();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    panelRef.current?.focus();
    function onPointerDown(event: PointerEvent) {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    }
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  function closeWhenFocusLeaves(event: FocusEvent<HTMLDivElement>) {
    if (event.relatedTarget instanceof Node && !rootRef.current?.contains(event.relatedTarget))
      setOpen(false);
  }

  return (
    <div ref={rootRef} className="relative" onBlur={closeWhenFocusLeaves}>
      <button
        ref={buttonRef}
        type="button"
        data-testid="user-menu"
        aria-label={t("open", { name })}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
        className={cn(
          "flex h-8 items-center gap-2 rounded-md pr-1.5 pl-1 text-sm transition-colors hover:bg-surface-muted",
          open && "bg-surface-muted",
        )}
      >
        <span
          aria-hidden="true"
          className="inline-flex size-6 items-center justify-center rounded-full bg-accent/15 text-[11px] font-semibold text-accent"
        >
          {initialsOf(name)}
        </span>
        <span className="max-w-40 truncate font-medium max-sm:sr-only">{name}</span>
        <ChevronDownIcon
          className={cn("size-3.5 text-fg-muted transition-transform", open && "rotate-180")}
        />
      </button>

      {open ? (
        <div
          ref={panelRef}
          id={panelId}
          role="dialog"
          aria-label={t("panelLabel")}
          tabIndex={-1}
          className="absolute top-full right-0 z-50 mt-1.5 w-72 rounded-lg border border-border bg-surface shadow-lg outline-none"
        >
          <div className="border-b border-border p-3">
            <p className="truncate text-sm font-medium">{name}</p>
            <p className="truncate text-xs text-fg-muted">{email}</p>
            <RoleBadges roles={roles} className="mt-2" />
          </div>
          <div className="space-y-3 border-b border-border p-3">
            <div className="flex items-center justify-between gap-3">
              <span className="text-xs font-medium text-fg-muted">{tLocale("label")}</span>
              <LocaleSwitch onSwitched={() => setOpen(false)} />
            </div>
            <div>
              <span className="mb-1.5 block text-xs font-medium text-fg-muted">{tTheme("label")}</span>
              <ThemeSwitch />
            </div>
          </div>
          <div className="p-1.5">
            <button
              type="button"
              data-testid="sign-out"
              disabled={signingOut}
              onClick={() =>
                startSignOut(async () => {
                  await signOut({ callbackUrl: "/signin" });
                })
              }
              className="flex h-8 w-full items-center gap-2 rounded-md px-2 text-sm text-fg-muted transition-colors hover:bg-surface-muted hover:text-fg disabled:opacity-60"
            >
              {signingOut ? <Spinner className="size-4" /> : <SignOutIcon className="size-4" />}
              {signingOut ? t("signingOut") : t("signOut")}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
