import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BrandMark } from "./brand-mark";
import type { NavItem } from "./nav-items";
import { SidebarNav } from "./sidebar-nav";

/** Full labels from md up; an icon rail from sm; on phones the top bar's menu button opens it instead. */
export async function Sidebar({ items }: { items: readonly NavItem[] }) {
  const t = await getTranslations("common");
  return (
    <aside className="flex w-14 shrink-0 flex-col border-r border-border bg-surface-muted max-sm:hidden md:w-56">
      <div className="flex h-12 items-center border-b border-border px-3 max-md:justify-center">
        <Link href="/" className="flex items-center gap-2 rounded-md text-sm font-semibold tracking-tight">
          <BrandMark />
          <span className="max-md:sr-only">{t("appName")}</span>
        </Link>
      </div>
      <SidebarNav items={items} />
    </aside>
  );
}
