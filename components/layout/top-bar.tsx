import { NotificationBell } from "@/components/notifications/notification-bell";
import type { SessionUser } from "@/server/auth/repository";
import { MobileNav } from "./mobile-nav";
import type { NavItem } from "./nav-items";
import { UserMenu } from "./user-menu";

/** The notification bell and the account menu; on phones also the menu button that stands in for the hidden sidebar. */
export function TopBar({ user, items }: { user: SessionUser; items: readonly NavItem[] }) {
  return (
    <header className="flex h-12 shrink-0 items-center justify-end gap-3 border-b border-border bg-surface px-4">
      <MobileNav items={items} />
      <NotificationBell />
      <UserMenu name={user.name} email={user.email} roles={user.roles} />
    </header>
  );
}
