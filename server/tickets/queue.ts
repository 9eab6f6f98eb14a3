import type { Db } from "../db/client.ts";
import { AppError } from "../lib/errors.ts";
import { teamScope, type TicketCaller } from "./access.ts";
import { teamById } from "./calendars.ts";
import { SEARCH_SUMMARY_CAP, SUMMARY_CAP, type QueueInput, type QueuePageDto, type TicketSummaryDto } from "./contract.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { TICKET_STATUSES } from "./types.ts";
import { toQueueSummary, toTicketSummary } from "./present.ts";
import { queuePageRows, queueSummaryRows, queueWhere, searchHits, type QueueConditions } from "./queue-repository.ts";

function resolveAssignee(assignee: QueueInput["assignee"], caller: TicketCaller): QueueConditions["assignee"] {
  if (assignee !== "me") return assignee === "unassigned" || assignee === "any" ? assignee : { id: assignee };
  if (caller.user === null) throw new AppError("BAD_REQUEST", 'assignee: "me" needs a signed-in user.');
  return { id: caller.user.id };
}

/** One page of the queue, nearest SLA deadline first; the first page also carries the filter's summary. */
export async function listQueue(db: Db, caller: TicketCaller, input: QueueInput, now: Date): Promise<QueuePageDto> {
  const { cursor, limit, ...filter } = input;
  const after = cursor === undefined ? null : decodeCursor(cursor);
  const where = queueWhere(teamScope(caller), { ...filter, assignee: resolveAssignee(filter.assignee, caller) }, now);
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
