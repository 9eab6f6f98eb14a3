import type { Role } from "../db/generated/enums.ts";
import type { Queryable, Tx } from "../db/transaction.ts";
import type { AgentProfileInput } from "./contract.ts";

// Users, their agent profiles and invites through Prisma. Sessions and the second factor are auth's rows.

const userSelect = {
  id: true,
  email: true,
  name: true,
  roles: true,
  disabledAt: true,
  totpEnabledAt: true,
  team: { select: { id: true, name: true } },
  agentProfile: {
    select: {
      skills: true,
      languages: true,
      capacity: true,
      shiftStartMin: true,
      shiftEndMin: true,
      workDays: true,
    },
  },
  invites: { where: { usedAt: null }, select: { id: true }, take: 1 },
  passwordHash: true,
} as const;

export type UserRow = Awaited<ReturnType<typeof findUserRow>>;

export function findUserRow(db: Queryable, id: string) {
  return db.user.findUnique({ where: { id }, select: userSelect });
}

export function listUserRows(db: Queryable) {
  return db.user.findMany({
    orderBy: [{ disabledAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
    select: userSelect,
  });
}

export async function countOpenSessionsByUser(db: Queryable, now: Date): Promise<Map<string, number>> {
  const rows = await db.userSession.groupBy({
    by: ["userId"],
    where: { revokedAt: null, expiresAt: { gt: now } },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.userId, row._count._all]));
}

export function listTeams(db: Queryable) {
  return db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export async function teamExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.team.count({ where: { id } })) > 0;
}

export async function emailTaken(db: Queryable, email: string): Promise<boolean> {
  return (await db.user.count({ where: { email } })) > 0;
}

/** An invited user has a password hash nobody knows until the invite sets one. */
export function insertInvitedUser(
  tx: Tx,
  data: { email: string; name: string; roles: Role[]; teamId: string | null; passwordHash: string },
) {
  return tx.user.create({ data, select: { id: true } });
}

export async function insertInvite(
  tx: Tx,
  data: { userId: string; tokenHash: string; expiresAt: Date; createdById: string | null },
) {
  await tx.userInvite.updateMany({
    where: { userId: data.userId, usedAt: null },
    data: { usedAt: new Date(0) },
  });
  await tx.userInvite.create({ data });
}

export function findOpenInvite(tx: Tx, tokenHash: string, now: Date) {
  return tx.userInvite.findFirst({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now }, user: { disabledAt: null } },
    select: { id: true, userId: true },
  });
}

export async function spendInvite(tx: Tx, id: string, at: Date): Promise<boolean> {
  const { count } = await tx.userInvite.updateMany({ where: { id, usedAt: null }, data: { usedAt: at } });
  return count === 1;
}

export async function setPasswordHash(tx: Tx, userId: string, passwordHash: string) {
  await tx.user.update({ where: { id: userId }, data: { passwordHash } });
}

export async function updateUserAccess(tx: Tx, id: string, data: { roles: Role[]; teamId: string | null }) {
  await tx.user.update({ where: { id }, data });
}

export async function saveAgentProfile(tx: Tx, userId: string, profile: AgentProfileInput | null) {
  if (profile === null) {
    await tx.agentProfile.deleteMany({ where: { userId } });
    return;
  }
  await tx.agentProfile.upsert({ where: { userId }, create: { userId, ...profile }, update: profile });
}

export async function setDisabledAt(tx: Tx, id: string, disabledAt: Date | null): Promise<boolean> {
  const { count } = await tx.user.updateMany({
    where: { id, disabledAt: disabledAt ? null : { not: null } },
    data: { disabledAt },
  });
  return count === 1;
}
