import type { Db } from "../db/client.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { signedInUser, teamScope } from "./access.ts";
import { teamById } from "./calendars.ts";
import { namedCityId } from "./cities.ts";
import type { TeamScope } from "./access.ts";
import type { QueueInput, QueuePageDto, TicketSummaryDto } from "./contract.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { TICKET_STATUSES } from "./types.ts";
import { toQueueSummary, toTicketSummary } from "./present.ts";
import { combineCounts, countedByCounters, countsFor, type StatusCount } from "./queue-counts.ts";
import { counterRows, scannedCounts } from "./queue-counts-repository.ts";
import {
  queuePageRows,
  queueWhere,
  searchHits,
  type QueueConditions,
  type QueueWhere,
} from "./queue-repository.ts";

function resolveAssignee(
  assignee: QueueInput["assignee"],
  context: ServiceContext,
): QueueConditions["assignee"] {
  if (assignee !== "me") return assignee === "unassigned" || assignee === "any" ? assignee : { id: assignee };
  return { id: signedInUser(context, 'assignee: "me"').id };
}

/** Exact counts per status of the whole filter: from the counters when they can answer it, else on the tickets. */
async function summaryCounts(
  db: Db,
  scope: TeamScope,
  conditions: QueueConditions,
  where: QueueWhere,
  now: Date,
  hits: readonly string[] | null,
): Promise<StatusCount[]> {
  const statuses = conditions.status?.length ? conditions.status : TICKET_STATUSES;
  if (!countedByCounters(conditions)) return countsFor(statuses, await scannedCounts(db, where, now, hits));
  const { counters, overdue } = await counterRows(db, scope, conditions, now);
  return combineCounts(conditions.sla, statuses, counters, overdue);
}

/** One page of the queue, nearest SLA deadline first; the first page also carries the filter's summary. */
export async function listQueue(db: Db, context: ServiceContext, input: QueueInput): Promise<QueuePageDto> {
  const now = context.clock.now();
  const { cursor, limit, city, cityId, ...filter } = input;
  const after = cursor === undefined ? null : decodeCursor(cursor);
  const conditions: QueueConditions = {
    ...filter,
    assignee: resolveAssignee(filter.assignee, context),
    cityId: await namedCityId(db, { city, cityId }),
  };
  const scope = teamScope(context);
  const where = queueWhere(scope, conditions, now);
  const hits = await searchHits(db, where);
  const [rows, summary] = await Promise.all([
    queuePageRows(db, where, after, limit + 1, hits),
    after === null ? summaryCounts(db, scope, conditions, where, now, hits) : null,
  ]);
  const page = rows.slice(0, limit);
  const items: TicketSummaryDto[] = [];
  for (const row of page) items.push(toTicketSummary(row, (await teamById(db, row.teamId)).calendar, now));
  const last = page.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ dueAt: last.slaDueAt, id: last.id }) : null,
    summary: summary === null ? null : toQueueSummary(summary),
  };
}
