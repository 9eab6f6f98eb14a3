import type { Db } from "../db/client.ts";
import { isRole, type Role } from "./permissions.ts";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  permissions: string[];
  teamId: string | null;
  locale: string;
}

const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  roles: true,
  permissions: true,
  teamId: true,
  locale: true,
} as const;

function toSessionUser(row: {
  id: string;
  email: string;
  name: string;
  roles: string[];
  permissions: string[];
  teamId: string | null;
  locale: string;
}): SessionUser {
  return { ...row, roles: row.roles.filter(isRole) };
}

export async function findUserForSignIn(db: Db, email: string) {
  const row = await db.user.findFirst({
    where: { email: email.toLowerCase(), disabledAt: null },
    select: { ...sessionUserSelect, passwordHash: true },
  });
  if (!row) return null;
  const { passwordHash, ...user } = row;
  return { user: toSessionUser(user), passwordHash };
}

/** Roles are read fresh on every request, so a disabled user or a removed role takes effect at once. */
export async function loadSessionUser(db: Db, id: string): Promise<SessionUser | null> {
  const row = await db.user.findFirst({ where: { id, disabledAt: null }, select: sessionUserSelect });
  return row ? toSessionUser(row) : null;
}
