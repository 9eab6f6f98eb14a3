import { Prisma } from "../db/generated/client.ts";
import { CALENDAR_COLUMNS, toBusinessCalendar } from "../db/calendar-columns.ts";
import type { Queryable, Tx } from "../db/transaction.ts";
import type { BusinessCalendar } from "./types.ts";
import {
  activeEmailIndex,
  decryptNullable,
  decryptPii,
  encryptNullable,
  encryptPii,
} from "../lib/pii-cipher.ts";
import { piiKeyring } from "../lib/pii-keyring.ts";

// Ticket rows through Prisma. The queue, routing, timeline and SLA sweep have their own SQL modules beside this.

const ticketRecordSelect = {
  id: true,
  number: true,
  externalId: true,
  subject: true,
  description: true,
  status: true,
  priority: true,
  category: true,
  source: true,
  language: true,
  requesterName: true,
  requesterEmail: true,
  orderRef: true,
  restaurantId: true,
  // The keyed hash of the requester's address: TicketCreated names the requester by it, never by the address.
  requesterEmailIndex: true,
  version: true,
  teamId: true,
  assigneeId: true,
  cityId: true,
  firstResponseDueAt: true,
  resolutionDueAt: true,
  slaDueAt: true,
  slaPauses: true,
  slaPausedAt: true,
  firstRespondedAt: true,
  firstResponseBreachedAt: true,
  resolutionBreachedAt: true,
  escalatedAt: true,
  escalationLevel: true,
  unassignedEscalatedAt: true,
  resolvedAt: true,
  closedAt: true,
  createdAt: true,
  updatedAt: true,
  team: { select: { id: true, key: true, name: true, nameJa: true } },
  city: { select: { id: true, code: true, name: true, nameJa: true } },
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.TicketSelect;

export type TicketRecord = Prisma.TicketGetPayload<{ select: typeof ticketRecordSelect }>;

// The requester's name and email are encrypted at rest: decrypted as a row is read, encrypted as it is written.
function withPlainRequester(record: TicketRecord): TicketRecord;
function withPlainRequester(record: TicketRecord | null): TicketRecord | null;
function withPlainRequester(record: TicketRecord | null): TicketRecord | null {
  if (!record) return null;
  const keyring = piiKeyring();
  const requesterName = decryptPii(keyring, record.requesterName);
  return { ...record, requesterName, requesterEmail: decryptNullable(keyring, record.requesterEmail) };
}

export async function findTicket(db: Queryable, id: string): Promise<TicketRecord | null> {
  return withPlainRequester(await db.ticket.findUnique({ where: { id }, select: ticketRecordSelect }));
}

export async function findTicketByExternalId(
  db: Queryable,
  externalId: string,
): Promise<TicketRecord | null> {
  return withPlainRequester(
    await db.ticket.findUnique({ where: { externalId }, select: ticketRecordSelect }),
  );
}

/** The next instant the SLA sweep must look at a ticket (null: nothing to check); kept in TicketSlaCheck. */
type SlaCheck = { slaNextCheckAt: Date | null };

export async function createTicketRow(
  tx: Tx,
  { slaNextCheckAt, ...data }: Prisma.TicketUncheckedCreateInput & SlaCheck,
): Promise<TicketRecord> {
  const slaCheck = slaNextCheckAt === null ? undefined : { create: { dueAt: slaNextCheckAt } };
  const keyring = piiKeyring();
  const requester = {
    requesterName: encryptPii(keyring, data.requesterName),
    requesterEmail: encryptNullable(keyring, data.requesterEmail),
    requesterEmailIndex: activeEmailIndex(keyring, data.requesterEmail),
  };
  const row = await tx.ticket.create({
    data: { ...data, ...requester, slaCheck },
    select: ticketRecordSelect,
  });
  return withPlainRequester(row);
}

/** Optimistic concurrency: writes only when the row still has the version the caller saw. */
export async function updateTicketIfVersion(
  tx: Tx,
  id: string,
  version: number,
  { slaNextCheckAt, ...data }: Prisma.TicketUncheckedUpdateManyInput & SlaCheck,
): Promise<boolean> {
  const { count } = await tx.ticket.updateMany({
    where: { id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) return false;
  if (slaNextCheckAt === null) await tx.ticketSlaCheck.deleteMany({ where: { ticketId: id } });
  else {
    await tx.ticketSlaCheck.upsert({
      where: { ticketId: id },
      create: { ticketId: id, dueAt: slaNextCheckAt },
      update: { dueAt: slaNextCheckAt },
    });
  }
  return true;
}

export function insertComment(tx: Tx, data: Prisma.TicketCommentUncheckedCreateInput) {
  return tx.ticketComment.create({ data, select: { id: true, createdAt: true } });
}

export function insertAssignment(tx: Tx, data: Prisma.TicketAssignmentUncheckedCreateInput) {
  return tx.ticketAssignment.create({ data, select: { id: true } });
}

export async function markAssigned(tx: Tx, agentId: string, at: Date): Promise<void> {
  await tx.agentProfile.updateMany({ where: { userId: agentId }, data: { lastAssignedAt: at } });
}

/** An active user who can hold tickets of a team: a member of it. */
export function findTeamMember(db: Queryable, userId: string) {
  return db.user.findFirst({
    where: { id: userId, disabledAt: null },
    select: { id: true, name: true, teamId: true },
  });
}

export interface TeamWithCalendar {
  id: string;
  key: string;
  name: string;
  calendar: BusinessCalendar;
}

export async function loadTeamsWithCalendars(db: Queryable): Promise<TeamWithCalendar[]> {
  const teams = await db.team.findMany({
    select: {
      id: true,
      key: true,
      name: true,
      calendar: { select: CALENDAR_COLUMNS },
    },
  });
  return teams.map(({ id, key, name, calendar }) => ({
    id,
    key,
    name,
    calendar: toBusinessCalendar(calendar),
  }));
}

/** Every city's id and three-letter code: a few dozen rows, cached by cities.ts. */
export function loadCityCodes(db: Queryable): Promise<{ id: string; code: string }[]> {
  return db.city.findMany({ select: { id: true, code: true } });
}
