import type { Db } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { CaseListFilter } from "./contract.ts";
import { levelsBelow, type CaseListPosition } from "./list-cursor.ts";

// Reads behind the risk screens and the REST list.

const listSelect = {
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
  _count: { select: { signals: true } },
} as const;

export type CaseListRow = Prisma.RiskCaseGetPayload<{ select: typeof listSelect }>;

function afterPosition(position: CaseListPosition): Prisma.RiskCaseWhereInput {
  const { level, score, id } = position;
  return {
    OR: [
      { level: { in: levelsBelow(level) } },
      { level, score: { lt: score } },
      { level, score, id: { lt: id } },
    ],
  };
}

/** One page in list order (level, score, id — all descending) plus one row to tell whether more follow. */
export async function queryCaseList(
  db: Db,
  filter: Omit<CaseListFilter, "cursor">,
  after: CaseListPosition | null,
): Promise<CaseListRow[]> {
  return db.riskCase.findMany({
    where: {
      level: filter.level ? { in: filter.level } : undefined,
      status: filter.status ? { in: filter.status } : undefined,
      type: filter.type ? { in: filter.type } : undefined,
      ownerId: filter.owner === "unassigned" ? null : filter.owner,
      cityId: filter.cityId,
      ...(after ? afterPosition(after) : {}),
    },
    orderBy: [{ level: "desc" }, { score: "desc" }, { id: "desc" }],
    take: filter.limit + 1,
    select: listSelect,
  });
}

export async function findCaseDetail(db: Db, caseId: string, signalLimit: number) {
  return db.riskCase.findUnique({
    where: { id: caseId },
    select: {
      ...listSelect,
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
        select: {
          id: true,
          caseId: true,
          kind: true,
          status: true,
          dueAt: true,
          note: true,
          result: true,
          startedAt: true,
          completedAt: true,
          createdAt: true,
          owner: { select: { id: true, name: true } },
        },
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

export type TicketSummaryRow = Prisma.TicketGetPayload<{ select: typeof ticketSelect }>;

export async function findSubjectProfileRow(
  db: Db,
  subjectType: CaseListRow["subjectType"],
  subjectId: string,
) {
  return db.riskSubjectProfile.findUnique({ where: { subjectType_subjectId: { subjectType, subjectId } } });
}

/** Support tickets about the same order or from the same e-mail address, that are not linked yet. */
export async function findRelatedTickets(
  db: Db,
  match: { orderRefs: readonly string[]; email: string | null; excludeIds: readonly string[] },
  limit: number,
): Promise<TicketSummaryRow[]> {
  const or: Prisma.TicketWhereInput[] = [];
  if (match.orderRefs.length > 0) or.push({ orderRef: { in: [...match.orderRefs] } });
  if (match.email) or.push({ requesterEmail: match.email });
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
