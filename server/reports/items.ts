import type { Db } from "../db/client.ts";
import { AppError } from "../lib/errors.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { requireReportAccess, ticketScope } from "./access.ts";
import type { AlertFact } from "./alert-history.ts";
import type { ItemsQuery, ReportItem } from "./contract.ts";
import { alertFacts, riskCaseFacts, workflowStepFacts } from "./event-facts.ts";
import { alertGroupKey, riskGroupKey } from "./event-reports.ts";
import { minutesBetween, type RiskCaseFact } from "./risk-history.ts";
import { resolveQuery } from "./service.ts";
import { ticketItems, type TicketItemsQuery } from "./ticket-report-repository.ts";
import { workflowItems } from "./workflow-reports.ts";

// The items behind a figure (drill-down and CSV): the tickets, risk cases or alerts a report row counted, with the
// same cohort and grouping, filtered to those that met, breached or were excluded from one metric.

export interface ItemsPage {
  items: ReportItem[];
  nextCursor: string | null;
}

function decodeCursor(cursor: string | undefined): { createdAt: Date; ticketId: string } | null {
  if (cursor === undefined) return null;
  const [at, id] = cursor.split("|");
  const createdAt = new Date(at ?? "");
  if (id === undefined || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError("BAD_REQUEST", "cursor: not a cursor this list handed out");
  }
  return { createdAt, ticketId: id };
}

/** The ticket conditions of a drill-down (or its CSV export): cohort, group, clock and filter, the reader's teams. */
export function ticketItemsQuery(
  context: ServiceContext,
  input: ItemsQuery,
): Omit<TicketItemsQuery, "after" | "limit"> {
  const query = resolveQuery(input, context.clock.now());
  const clock = input.metric === "resolution" ? "resolution" : "firstResponse";
  return {
    ...query,
    key: input.key,
    clock: query.name === "ticket-backlog" ? "resolution" : clock,
    filter: input.filter === "falsePositive" ? "all" : input.filter,
    scope: ticketScope(context),
  };
}

async function ticketPage(db: Db, context: ServiceContext, input: ItemsQuery): Promise<ItemsPage> {
  const rows = await ticketItems(db, {
    ...ticketItemsQuery(context, input),
    after: decodeCursor(input.cursor),
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.ticketId,
      number: row.number,
      kind: "ticket",
      group: row.key,
      status: row.status,
      at: row.createdAt,
      minutes: row.minutes,
      breached: row.breached,
      href: `/tickets/${row.ticketId}`,
    })),
    nextCursor: rows.length > input.limit && last ? `${last.createdAt.toISOString()}|${last.ticketId}` : null,
  };
}

const RISK_STOP: Record<string, (fact: RiskCaseFact) => Date | null> = {
  timeToAcknowledge: (fact) => fact.acknowledgedAt,
  timeToMitigate: (fact) => fact.mitigatedAt,
  timeToClose: (fact) => fact.closedAt,
  falsePositiveRate: (fact) => fact.closedAt,
};

function riskItems(facts: readonly RiskCaseFact[], input: ItemsQuery, groupBy: string): ReportItem[] {
  const stop = RISK_STOP[input.metric ?? "timeToAcknowledge"] ?? RISK_STOP.timeToAcknowledge!;
  return facts
    .filter((fact) => input.key === undefined || riskGroupKey(fact, groupBy) === input.key)
    .filter((fact) => {
      if (input.filter === "falsePositive") return fact.resolution === "false_positive";
      if (input.filter === "excluded") return stop(fact) === null;
      if (input.filter === "open") return fact.closedAt === null;
      return true;
    })
    .map((fact) => ({
      id: fact.caseId,
      number: fact.number,
      kind: "risk_case",
      group: riskGroupKey(fact, groupBy),
      status: fact.closedAt === null ? "open" : `closed${fact.resolution ? `: ${fact.resolution}` : ""}`,
      at: fact.detectedAt,
      minutes: minutesBetween(fact.detectedAt, stop(fact)),
      breached: null,
      href: `/risk/${fact.caseId}`,
    }));
}

function alertItems(facts: readonly AlertFact[], input: ItemsQuery, groupBy: string): ReportItem[] {
  const stop = (fact: AlertFact) => (input.metric === "mttr" ? fact.resolvedAt : fact.acknowledgedAt);
  return facts
    .filter((fact) => input.key === undefined || alertGroupKey(fact, groupBy) === input.key)
    .filter((fact) =>
      input.filter === "excluded" ? stop(fact) === null : input.filter !== "open" || fact.resolvedAt === null,
    )
    .map((fact) => ({
      id: fact.alertId,
      number: null,
      kind: "alert",
      group: alertGroupKey(fact, groupBy),
      status: fact.resolvedAt === null ? "firing" : "resolved",
      at: fact.firedAt,
      minutes: minutesBetween(fact.firedAt, stop(fact)),
      breached: null,
      href: `/cities/${fact.city}`,
    }));
}

/** In-memory lists page by offset: the cursor is the next index. */
function offsetPage(items: ReportItem[], input: ItemsQuery): ItemsPage {
  const start = input.cursor === undefined ? 0 : Number(input.cursor);
  if (!Number.isInteger(start) || start < 0)
    throw new AppError("BAD_REQUEST", "cursor: not a cursor this list handed out");
  const end = start + input.limit;
  return { items: items.slice(start, end), nextCursor: end < items.length ? String(end) : null };
}

export async function reportItems(db: Db, context: ServiceContext, input: ItemsQuery): Promise<ItemsPage> {
  requireReportAccess(context, input.name);
  return itemsPage(db, context, input);
}

/** reportItems without the access check, for a caller that checked it once (the CSV export's pages). */
export async function itemsPage(db: Db, context: ServiceContext, input: ItemsQuery): Promise<ItemsPage> {
  if (input.name === "ticket-sla" || input.name === "ticket-backlog") return ticketPage(db, context, input);
  const query = resolveQuery(input, context.clock.now());
  if (input.name === "risk-handling") {
    return offsetPage(riskItems(await riskCaseFacts(db, query), input, query.groupBy), input);
  }
  if (input.name === "workflow-steps") {
    return offsetPage(workflowItems(await workflowStepFacts(db, query), input, query.groupBy), input);
  }
  // Alert response and city performance both drill into the alerts (of a city, a rule or a day).
  const groupBy = input.name === "city-performance" && query.groupBy !== "day" ? "city" : query.groupBy;
  return offsetPage(alertItems(await alertFacts(db, query), input, groupBy), input);
}
