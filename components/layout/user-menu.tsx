"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import Link from "next/link";
import { LockIcon, SignOutIcon } from "@/components/ui/icons";
import { Popover } from "@/components/ui/popover";
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

/** Account panel: who is signed in, language, theme and sign-out. */
export function UserMenu({ name, email, roles }: UserMenuProps) {
  const t = useTranslations("userMenu");
  const tLocale = useTranslations("locale");
  const tTheme = useTranslations("theme");
  const [signingOut, startSignOut] = useTransition();

  return (
    <Popover
      label={
        <>
          <span
            aria-hidden="true"
            className="inline-flex size-6 items-center justify-center rounded-full bg-accent/15 text-[11px] font-semibold text-accent"
          >
            {initialsOf(name)}
          </span>
          <span className="max-w-40 truncate font-medium max-sm:sr-only">{name}</span>
        </>
      }
      ariaLabel={t("open", { name })}
      panelLabel={t("panelLabel")}
      testId="user-menu"
      align="end"
      triggerClassName="flex h-8 items-center gap-2 rounded-md pr-1.5 pl-1 text-sm transition-colors hover:bg-surface-muted aria-expanded:bg-surface-muted"
      panelClassName="w-72"
    >
      {(close) => (
        <>
          <div className="border-b border-border p-3">
            <p className="truncate text-sm font-medium">{name}</p>
            <p className="truncate text-xs text-fg-muted">{email}</p>
            <RoleBadges roles={roles} className="mt-2" />
          </div>
          <div className="space-y-3 border-b border-border p-3">
            <div className="flex items-center justify-between gap-3">
              <span className="text-xs font-medium text-fg-muted">{tLocale("label")}</span>
              <LocaleSwitch onSwitched={close} />
            </div>
            <div>
              <span className="mb-1.5 block text-xs font-medium text-fg-muted">{tTheme("label")}</span>
              <ThemeSwitch />
            </div>
          </div>
          <div className="p-1.5">
            <Link
              href="/account"
              data-testid="account-link"
              onClick={close}
              className="flex h-8 w-full items-center gap-2 rounded-md px-2 text-sm text-fg-muted transition-colors hover:bg-surface-muted hover:text-fg"
            >
              <LockIcon className="size-4" />
              {t("account")}
            </Link>
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
        </>
      )}
    </Popover>
  );
}
