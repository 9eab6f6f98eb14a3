import type { SessionUser } from "@/server/auth/repository";
import { UserMenu } from "./user-menu";

export function TopBar({ user }: { user: SessionUser }) {
  return (
    <header className="flex h-12 shrink-0 items-center justify-end gap-3 border-b border-border bg-surface px-4">
      <UserMenu name={user.name} email={user.email} roles={user.roles} />
    </header>
  );
}
