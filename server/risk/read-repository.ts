import type { Db } from "../db/client.ts";
import { Prisma } from "../db/generated/client.ts";
import { actionSelect } from "./case-repository.ts";
import type { CaseListFilter } from "./contract.ts";
import { emailIndexes } from "../lib/pii-cipher.ts";
import { piiKeyring } from "../lib/pii-keyring.ts";
import { decryptProfile } from "./pii-profile.ts";
import type { CaseListPosition } from "./list-cursor.ts";
import type { RiskCaseStatus, RiskLevel, RiskSubjectType, RiskType } from "./types.ts";

// Reads behind the risk screens and the REST list.

/** A case as the list shows it; the detail adds to it. */
export interface CaseSummaryRow {
  id: string;
  number: number;
  type: RiskType;
  subjectType: RiskSubjectType;
  subjectId: string;
  status: RiskCaseStatus;
  score: number;
  level: RiskLevel;
  ruleSetVersion: number;
  contributions: Prisma.JsonValue;
  openedAt: Date;
  ackDueAt: Date | null;
  acknowledgedAt: Date | null;
  escalatedAt: Date | null;
  queue: string;
  cityId: string | null;
  owner: { id: string; name: string } | null;
  signalCount: number;
}

type ListRow = Omit<CaseSummaryRow, "owner"> & { ownerId: string | null; ownerName: string | null };

function listConditions(
  filter: Omit<CaseListFilter, "cursor">,
  after: CaseListPosition | null,
): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.level) conditions.push(Prisma.sql`c.level::text = ANY(${filter.level}::text[])`);
  if (filter.status) conditions.push(Prisma.sql`c.status::text = ANY(${filter.status}::text[])`);
  if (filter.type) conditions.push(Prisma.sql`c.type::text = ANY(${filter.type}::text[])`);
  if (filter.owner === "unassigned") conditions.push(Prisma.sql`c."ownerId" IS NULL`);
  else if (filter.owner) conditions.push(Prisma.sql`c."ownerId" = ${filter.owner}::uuid`);
  if (filter.cityId) conditions.push(Prisma.sql`c."cityId" = ${filter.cityId}::uuid`);
  // A row comparison the (level, score, id) index answers directly: page 100 costs what page 1 does.
  if (after)
    conditions.push(
      Prisma.sql`(c.level, c.score, c.id) < (${after.level}::"RiskLevel", ${after.score}, ${after.id}::uuid)`,
    );
  return conditions;
}

/**
 * One page in list order (level, score, id — all descending) plus one row to tell whether more follow, in one
 * statement: owner by join, signal count by a per-row subquery on the caseId index. (Prisma's relation `_count`
 * would aggregate the whole signal table for every page.)
 */
export async function queryCaseList(
  db: Db,
  filter: Omit<CaseListFilter, "cursor">,
  after: CaseListPosition | null,
): Promise<CaseSummaryRow[]> {
  const conditions = listConditions(filter, after);
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const rows = await db.$queryRaw<ListRow[]>`
    SELECT c.id::text, c.number, c.type::text, c."subjectType"::text, c."subjectId", c.status::text, c.score,
           c.level::text, c."ruleSetVersion", c.contributions, c."openedAt", c."ackDueAt", c."acknowledgedAt",
           c."escalatedAt", c.queue, c."cityId"::text, u.id::text AS "ownerId", u.name AS "ownerName",
           (SELECT count(*) FROM "RiskSignal" s WHERE s."caseId" = c.id)::int AS "signalCount"
      FROM "RiskCase" c LEFT JOIN "User" u ON u.id = c."ownerId"
      ${where}
     ORDER BY c.level DESC, c.score DESC, c.id DESC
     LIMIT ${filter.limit + 1}`;
  return rows.map(({ ownerId, ownerName, ...row }) => ({
    ...row,
    owner: ownerId && ownerName !== null ? { id: ownerId, name: ownerName } : null,
  }));
}

/** Signals of one case (the detail's count; the list counts in its own statement). */
export async function countSignals(db: Db, caseId: string): Promise<number> {
  return db.riskSignal.count({ where: { caseId } });
}

const summarySelect = {
  id: true,
  number: true,
  type: true,
  subjectType: true,
  subjectId: true,
  status: true,
  score: true,
  level: true,
  ruleSetVersion: true,
  contributions: true,
  openedAt: true,
  ackDueAt: true,
  acknowledgedAt: true,
  escalatedAt: true,
  queue: true,
  cityId: true,
  owner: { select: { id: true, name: true } },
} as const;

export async function findCaseDetail(db: Db, caseId: string, signalLimit: number) {
  return db.riskCase.findUnique({
    where: { id: caseId },
    select: {
      ...summarySelect,
      resolution: true,
      resolutionNote: true,
      closedAt: true,
      updatedAt: true,
      version: true,
      city: { select: { id: true, name: true, nameJa: true } },
      signals: {
        orderBy: { observedAt: "desc" },
        take: signalLimit,
        select: {
          id: true,
          sourceEventId: true,
          type: true,
          attributes: true,
          observedAt: true,
          receivedAt: true,
        },
      },
      actions: {
        orderBy: { createdAt: "asc" },
        select: actionSelect,
      },
      ticketLinks: {
        orderBy: { createdAt: "asc" },
        select: { createdAt: true, ticket: { select: ticketSelect } },
      },
    },
  });
}

const ticketSelect = {
  id: true,
  number: true,
  subject: true,
  status: true,
  priority: true,
  category: true,
  orderRef: true,
  createdAt: true,
} as const;

type TicketSummaryRow = Prisma.TicketGetPayload<{ select: typeof ticketSelect }>;

export async function findSubjectProfileRow(db: Db, subjectType: RiskSubjectType, subjectId: string) {
  const where = { subjectType_subjectId: { subjectType, subjectId } };
  return decryptProfile(await db.riskSubjectProfile.findUnique({ where }));
}

/** Support tickets about the same order or from the same e-mail address, that are not linked yet. */
export async function findRelatedTickets(
  db: Db,
  match: { orderRefs: readonly string[]; email: string | null; excludeIds: readonly string[] },
  limit: number,
): Promise<TicketSummaryRow[]> {
  const or: Prisma.TicketWhereInput[] = [];
  if (match.orderRefs.length > 0) or.push({ orderRef: { in: [...match.orderRefs] } });
  // Requester emails are encrypted: matched by their blind index under every configured key.
  if (match.email) or.push({ requesterEmailIndex: { in: emailIndexes(piiKeyring(), match.email) } });
  if (or.length === 0) return [];
  return db.ticket.findMany({
    where: { OR: or, id: { notIn: [...match.excludeIds] } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: ticketSelect,
  });
}

/** The other direction of the link: the risk cases a support ticket belongs to. */
export async function findCasesForTicket(db: Db, ticketId: string) {
  return db.riskCaseTicketLink.findMany({
    where: { ticketId },
    orderBy: { createdAt: "asc" },
    select: {
      case: { select: { id: true, number: true, type: true, status: true, level: true, score: true } },
    },
  });
}

export async function findFilterOptions(db: Db) {
  const [cities, owners] = await Promise.all([
    db.city.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, nameJa: true } }),
    db.user.findMany({
      where: { disabledAt: null, roles: { hasSome: ["risk_manager", "admin"] } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  return { cities, owners };
}
