import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { hashPassword, randomToken, sha256Hex } from "../auth/hash.ts";
import { clearTotp } from "../auth/mfa-repository.ts";
import { revokeSessions } from "../auth/session-repository.ts";
import { forgetUserSessions } from "../auth/session-state.ts";
import { recordEvent } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import type { InviteUserInput, UpdateUserInput, UserView } from "./contract.ts";
import { TICKET_CATEGORIES } from "../tickets/types.ts";
import {
  countOpenSessionsByUser,
  emailTaken,
  findUserRow,
  insertInvite,
  insertInvitedUser,
  listTeams,
  listUserRows,
  saveAgentProfile,
  setDisabledAt,
  teamExists,
  updateUserAccess,
  type UserRow,
} from "./repository.ts";

// User administration: invite, roles and routing inputs, deactivation, MFA reset. Every change is an event with
// its audit entry; deactivation and MFA reset end the user's sessions in the same transaction.

const MANAGE = "users:manage";
const AGGREGATE = "user";
const INVITE_TTL_MS = 72 * 60 * 60 * 1000;

function toUserView(row: NonNullable<UserRow>, openSessions: number): UserView {
  const status = row.disabledAt ? "deactivated" : row.invites.length > 0 ? "invited" : "active";
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    team: row.team,
    status,
    mfaEnabled: row.totpEnabledAt !== null,
    openSessions,
    agentProfile: row.agentProfile,
  };
}

async function loadUser(
  db: Db | Parameters<typeof findUserRow>[0],
  id: string,
  now: Date,
): Promise<UserView> {
  const row = await findUserRow(db, id);
  if (!row) throw new AppError("NOT_FOUND", "No user has this id.", { details: { field: "id" } });
  return toUserView(row, (await countOpenSessionsByUser(db, now)).get(id) ?? 0);
}

export async function listUsers(db: Db, context: ServiceContext): Promise<UserView[]> {
  requirePermission(context, MANAGE);
  const [rows, sessions] = await Promise.all([
    listUserRows(db),
    countOpenSessionsByUser(db, context.clock.now()),
  ]);
  return rows.map((row) => toUserView(row, sessions.get(row.id) ?? 0));
}

export async function userAdminOptions(db: Db, context: ServiceContext) {
  requirePermission(context, MANAGE);
  return { teams: await listTeams(db), categories: [...TICKET_CATEGORIES] };
}

async function requireTeam(db: Parameters<typeof teamExists>[0], teamId: string | null) {
  if (teamId !== null && !(await teamExists(db, teamId))) {
    throw new AppError("BAD_REQUEST", "No team has this id.", { details: { field: "teamId" } });
  }
}

function actorId(context: ServiceContext): string | null {
  return context.actor.type === "user" ? context.actor.id : null;
}

async function newInvite(tx: Parameters<typeof insertInvite>[0], userId: string, context: ServiceContext) {
  const token = randomToken(32);
  const expiresAt = new Date(context.clock.now().getTime() + INVITE_TTL_MS);
  await insertInvite(tx, { userId, tokenHash: sha256Hex(token), expiresAt, createdById: actorId(context) });
  return { invitePath: `/invite/${token}`, expiresAt };
}

/** Creates the user with the roles and team given, and a one-time link (valid 72 h) to set their password. */
export async function inviteUser(db: Db, context: ServiceContext, input: InviteUserInput) {
  requirePermission(context, MANAGE);
  const email = input.email.trim().toLowerCase();
  // Nobody knows this password: the account cannot sign in until the invite sets one.
  const passwordHash = await hashPassword(randomToken(32));
  return withTransaction(db, async (tx) => {
    if (await emailTaken(tx, email)) {
      throw new AppError("CONFLICT", "A user with this email exists.", { details: { field: "email" } });
    }
    await requireTeam(tx, input.teamId);
    const { id } = await insertInvitedUser(tx, {
      email,
      name: input.name,
      roles: input.roles,
      teamId: input.teamId,
      passwordHash,
    });
    const link = await newInvite(tx, id, context);
    await recordEvent(tx, context, {
      type: "UserInvited",
      aggregateType: AGGREGATE,
      aggregateId: id,
      payload: { email, roles: input.roles, teamId: input.teamId, expiresAt: link.expiresAt.toISOString() },
    });
    return { user: await loadUser(tx, id, context.clock.now()), ...link };
  });
}

/** A fresh link for a user who has not accepted yet (the old one stops working). */
export async function newInviteLink(db: Db, context: ServiceContext, input: { id: string }) {
  requirePermission(context, MANAGE);
  return withTransaction(db, async (tx) => {
    const user = await loadUser(tx, input.id, context.clock.now());
    if (user.status !== "invited")
      throw new AppError("CONFLICT", "This user has already accepted the invitation.");
    const link = await newInvite(tx, user.id, context);
    await recordEvent(tx, context, {
      type: "UserInvited",
      aggregateType: AGGREGATE,
      aggregateId: user.id,
      payload: {
        email: user.email,
        roles: user.roles,
        teamId: user.team?.id ?? null,
        expiresAt: link.expiresAt.toISOString(),
      },
    });
    return { user, ...link };
  });
}

/** Roles, team and the routing inputs (skills, languages, capacity, shift); the audit keeps before and after. */
export async function updateUser(db: Db, context: ServiceContext, input: UpdateUserInput): Promise<UserView> {
  requirePermission(context, MANAGE);
  if (input.id === actorId(context) && !input.roles.includes("admin")) {
    throw new AppError("BAD_REQUEST", "You cannot remove your own admin role.", {
      details: { field: "roles" },
    });
  }
  return withTransaction(db, async (tx) => {
    const before = await loadUser(tx, input.id, context.clock.now());
    await requireTeam(tx, input.teamId);
    await updateUserAccess(tx, input.id, { roles: input.roles, teamId: input.teamId });
    await saveAgentProfile(tx, input.id, input.agentProfile);
    const after = await loadUser(tx, input.id, context.clock.now());
    const snapshot = (u: UserView) => ({
      roles: u.roles,
      teamId: u.team?.id ?? null,
      agentProfile: u.agentProfile,
    });
    await recordEvent(tx, context, {
      type: "UserUpdated",
      aggregateType: AGGREGATE,
      aggregateId: input.id,
      payload: snapshot(after),
      auditDetails: { before: snapshot(before), after: snapshot(after) },
    });
    return after;
  });
}

/** Deactivates a user: every open session ends at once, and routing stops giving them tickets. */
export async function deactivateUser(
  db: Db,
  context: ServiceContext,
  input: { id: string },
): Promise<UserView> {
  requirePermission(context, MANAGE);
  if (input.id === actorId(context)) {
    throw new AppError("BAD_REQUEST", "You cannot deactivate yourself.", { details: { field: "id" } });
  }
  const now = context.clock.now();
  const user = await withTransaction(db, async (tx) => {
    await loadUser(tx, input.id, now);
    if (!(await setDisabledAt(tx, input.id, now)))
      throw new AppError("CONFLICT", "This user is already deactivated.");
    const sessionsEnded = await revokeSessions(tx, { userId: input.id }, now);
    await recordEvent(tx, context, {
      type: "UserDeactivated",
      aggregateType: AGGREGATE,
      aggregateId: input.id,
      payload: { sessionsEnded },
    });
    return loadUser(tx, input.id, now);
  });
  forgetUserSessions(input.id);
  return user;
}

export async function reactivateUser(
  db: Db,
  context: ServiceContext,
  input: { id: string },
): Promise<UserView> {
  requirePermission(context, MANAGE);
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    await loadUser(tx, input.id, now);
    if (!(await setDisabledAt(tx, input.id, null))) throw new AppError("CONFLICT", "This user is active.");
    await recordEvent(tx, context, {
      type: "UserReactivated",
      aggregateType: AGGREGATE,
      aggregateId: input.id,
      payload: {},
    });
    return loadUser(tx, input.id, now);
  });
}

/** For a lost phone: the authenticator and recovery codes go, and so do the user's sessions. */
export async function resetUserMfa(
  db: Db,
  context: ServiceContext,
  input: { id: string },
): Promise<UserView> {
  requirePermission(context, MANAGE);
  const now = context.clock.now();
  const user = await withTransaction(db, async (tx) => {
    await loadUser(tx, input.id, now);
    await clearTotp(tx, input.id);
    const sessionsEnded = await revokeSessions(tx, { userId: input.id }, now);
    await recordEvent(tx, context, {
      type: "UserMfaReset",
      aggregateType: AGGREGATE,
      aggregateId: input.id,
      payload: { sessionsEnded },
    });
    return loadUser(tx, input.id, now);
  });
  forgetUserSessions(input.id);
  return user;
}
