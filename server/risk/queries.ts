import type { Db } from "../db/client.ts";
import type { JsonValue } from "../db/json.ts";
import { AppError } from "../lib/errors.ts";
import type { CaseListFilter, CaseListItem, CaseListPage } from "./contract.ts";
import type { CaseDetail } from "./detail-contract.ts";
import { attributesFrom, contributionsFrom } from "./json.ts";
import { decodeCursor, encodeCursor } from "./list-cursor.ts";
import { maskProfile } from "./pii.ts";
import { recommendedActions } from "./playbook.ts";
import {
  countSignals,
  findCaseDetail,
  findCasesForTicket,
  findFilterOptions,
  findRelatedTickets,
  findSubjectProfileRow,
  queryCaseList,
  type CaseSummaryRow,
} from "./read-repository.ts";
import { toActionDto } from "./action-service.ts";

// Read models of the risk screens and the REST list: plain DTOs, personal data masked. Reads neither act nor read
// the clock, so unlike the services they take no ServiceContext.

const SIGNAL_LIMIT = 200;
const RELATED_TICKET_LIMIT = 10;

function toListItem(row: CaseSummaryRow): CaseListItem {
  return {
    id: row.id,
    number: row.number,
    subject: { type: row.subjectType, id: row.subjectId },
    type: row.type,
    status: row.status,
    score: row.score,
    level: row.level,
    ruleSetVersion: row.ruleSetVersion,
    contributions: contributionsFrom(row.contributions),
    recommendedActions: recommendedActions(row.type, row.level),
    signalCount: row.signalCount,
    openedAt: row.openedAt,
    ackDueAt: row.ackDueAt,
    acknowledgedAt: row.acknowledgedAt,
    escalatedAt: row.escalatedAt,
    queue: row.queue,
    cityId: row.cityId,
    owner: row.owner,
  };
}

/** Highest level first, then highest score; keyset-paginated. */
export async function listCases(db: Db, filter: CaseListFilter): Promise<CaseListPage> {
  const after = filter.cursor ? decodeCursor(filter.cursor) : null;
  const rows = await queryCaseList(db, filter, after);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page.map(toListItem),
    nextCursor: rows.length > filter.limit && last ? encodeCursor(last) : null,
  };
}

function orderRefsOf(
  subject: { subjectType: string; subjectId: string },
  signals: readonly { attributes: JsonValue }[],
) {
  const refs = new Set<string>();
  if (subject.subjectType === "order") refs.add(subject.subjectId);
  for (const signal of signals) {
    const ref = attributesFrom(signal.attributes).orderRef;
    if (typeof ref === "string") refs.add(ref);
  }
  return [...refs];
}

export async function getCaseDetail(db: Db, { caseId }: { caseId: string }): Promise<CaseDetail> {
  const row = await findCaseDetail(db, caseId, SIGNAL_LIMIT);
  if (!row) throw new AppError("NOT_FOUND", "No risk case has this id.", { details: { field: "id" } });
  const profile = await findSubjectProfileRow(db, row.subjectType, row.subjectId);
  const signalCount = await countSignals(db, row.id);
  const linked = row.ticketLinks.map((link) => ({ ...link.ticket, linkedAt: link.createdAt }));
  const related = await findRelatedTickets(
    db,
    {
      orderRefs: orderRefsOf(row, row.signals),
      email: profile?.email ?? null,
      excludeIds: linked.map((t) => t.id),
    },
    RELATED_TICKET_LIMIT,
  );
  return {
    ...toListItem({ ...row, signalCount }),
    resolution: row.resolution,
    resolutionNote: row.resolutionNote,
    closedAt: row.closedAt,
    updatedAt: row.updatedAt,
    version: row.version,
    city: row.city,
    signals: row.signals.map((s) => ({
      id: s.id,
      sourceEventId: s.sourceEventId,
      type: s.type,
      attributes: attributesFrom(s.attributes),
      observedAt: s.observedAt,
      receivedAt: s.receivedAt,
    })),
    actions: row.actions.map(toActionDto),
    linkedTickets: linked,
    relatedTickets: related,
    // Always masked here; the unmasked profile comes only from the audited reveal.
    profile: profile ? maskProfile(profile, false) : null,
  };
}

export async function listCasesForTicket(db: Db, { ticketId }: { ticketId: string }) {
  return (await findCasesForTicket(db, ticketId)).map((link) => link.case);
}

export const riskFilterOptions = (db: Db) => findFilterOptions(db);
