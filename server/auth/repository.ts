import type { Db } from "../db/client.ts";
import type { Queryable } from "../db/transaction.ts";
import { isRole, type Role } from "./permissions.ts";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  permissions: string[];
  teamId: string | null;
  /** Leads at least one team: sees every team's tickets, like an admin. */
  leadsTeam: boolean;
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
  ledTeams: { select: { id: true }, take: 1 },
} as const;

function toSessionUser(row: {
  id: string;
  email: string;
  name: string;
  roles: string[];
  permissions: string[];
  teamId: string | null;
  locale: string;
  ledTeams: { id: string }[];
}): SessionUser {
  const { ledTeams, ...user } = row;
  return { ...user, roles: row.roles.filter(isRole), leadsTeam: ledTeams.length > 0 };
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

export async function findPasswordHash(db: Db | Queryable, id: string): Promise<string | null> {
  const row = await db.user.findFirst({ where: { id, disabledAt: null }, select: { passwordHash: true } });
  return row?.passwordHash ?? null;
}
