import type { Db } from "../db/client.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { signedInUser, teamScope } from "./access.ts";
import { teamById } from "./calendars.ts";
import { namedCityId } from "./cities.ts";
import {
  SEARCH_SUMMARY_CAP,
  SUMMARY_CAP,
  type QueueInput,
  type QueuePageDto,
  type TicketSummaryDto,
} from "./contract.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { TICKET_STATUSES } from "./types.ts";
import { toQueueSummary, toTicketSummary } from "./present.ts";
import {
  queuePageRows,
  queueSummaryRows,
  queueWhere,
  searchHits,
  type QueueConditions,
} from "./queue-repository.ts";

function resolveAssignee(
  assignee: QueueInput["assignee"],
  context: ServiceContext,
): QueueConditions["assignee"] {
  if (assignee !== "me") return assignee === "unassigned" || assignee === "any" ? assignee : { id: assignee };
  return { id: signedInUser(context, 'assignee: "me"').id };
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
  const where = queueWhere(teamScope(context), conditions, now);
  const cap = filter.q === undefined ? SUMMARY_CAP : SEARCH_SUMMARY_CAP;
  const hits = await searchHits(db, where);
  const [rows, summary] = await Promise.all([
    queuePageRows(db, where, after, limit + 1, hits),
    after === null ? queueSummaryRows(db, where, filter.status ?? TICKET_STATUSES, now, cap, hits) : null,
  ]);
  const page = rows.slice(0, limit);
  const items: TicketSummaryDto[] = [];
  for (const row of page) items.push(toTicketSummary(row, (await teamById(db, row.teamId)).calendar, now));
  const last = page.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ dueAt: last.slaDueAt, id: last.id }) : null,
    summary: summary === null ? null : toQueueSummary(summary, cap),
  };
}
