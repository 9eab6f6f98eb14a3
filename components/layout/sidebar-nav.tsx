"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { NavIcon } from "./nav-icon";
import { isActiveNavItem, type NavItem } from "./nav-items";

interface SidebarNavProps {
  items: readonly NavItem[];
  /** Labels at every width (the phone menu); otherwise an icon rail below md. */
  expanded?: boolean;
  /** Called when a link is followed, so the phone menu can close. */
  onNavigate?: () => void;
}

export function SidebarNav({ items, expanded = false, onNavigate }: SidebarNavProps) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="flex-1 overflow-y-auto px-2 py-3">
      <ul className="space-y-0.5">
        {items.map((item) => {
          const active = isActiveNavItem(item, pathname);
          return (
            <li key={item.key}>
              <Link
                href={item.href}
                data-testid={item.testId}
                aria-current={active ? "page" : undefined}
                title={t(item.key)}
                onClick={onNavigate}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-2.5 text-sm transition-colors",
                  expanded ? "h-10" : "h-8 max-md:justify-center max-md:px-0",
                  active
                    ? "bg-surface font-medium text-fg shadow-xs ring-1 ring-border"
                    : "text-fg-muted hover:bg-surface hover:text-fg",
                )}
              >
                <NavIcon navKey={item.key} className={cn("size-4 shrink-0", active && "text-accent")} />
                <span className={cn("truncate", !expanded && "max-md:sr-only")}>{t(item.key)}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
