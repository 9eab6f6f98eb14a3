import type { QueueSummaryDto, TicketDetailDto, TicketSummaryDto } from "./contract.ts";
import type { StatusCount } from "./queue-counts.ts";
import type { QueueRow } from "./queue-repository.ts";
import type { TicketRecord } from "./repository.ts";
import { slaView } from "./sla-fields.ts";
import { nextStatuses } from "./status.ts";
import { TICKET_STATUSES, isTicketCategory, type BusinessCalendar } from "./types.ts";

// Rows become the contract's plain objects here, so no database row reaches a client.

type SummaryFields = Pick<
  QueueRow,
  | "id"
  | "number"
  | "subject"
  | "status"
  | "priority"
  | "source"
  | "version"
  | "escalationLevel"
  | "createdAt"
  | "updatedAt"
  | "slaPauses"
  | "slaPausedAt"
  | "slaDueAt"
  | "firstRespondedAt"
  | "resolvedAt"
  | "firstResponseBreachedAt"
  | "resolutionBreachedAt"
  | "team"
  | "city"
  | "assignee"
> & { category: string };

const SOURCES = ["consumer", "restaurant", "courier", "internal"] as const;

export function toTicketSummary(row: SummaryFields, cal: BusinessCalendar, now: Date): TicketSummaryDto {
  if (!isTicketCategory(row.category)) throw new TypeError(`Unknown ticket category ${row.category}`);
  const source = SOURCES.find((s) => s === row.source);
  if (source === undefined) throw new TypeError(`Unknown ticket source ${row.source}`);
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    category: row.category,
    source,
    city: row.city,
    team: row.team,
    assignee: row.assignee,
    version: row.version,
    escalationLevel: row.escalationLevel,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    sla: slaView(row, cal, now),
  };
}

export function toTicketDetail(record: TicketRecord, cal: BusinessCalendar, now: Date): TicketDetailDto {
  return {
    ...toTicketSummary(record, cal, now),
    description: record.description,
    language: record.language,
    externalId: record.externalId,
    requesterName: record.requesterName,
    requesterEmail: record.requesterEmail,
    orderRef: record.orderRef,
    firstRespondedAt: record.firstRespondedAt,
    resolvedAt: record.resolvedAt,
    closedAt: record.closedAt,
    escalatedAt: record.escalatedAt,
    nextStatuses: [...nextStatuses(record.status)],
  };
}

export function toQueueSummary(rows: readonly StatusCount[]): QueueSummaryDto {
  const byStatus = Object.fromEntries(
    TICKET_STATUSES.map((status) => [status, 0]),
  ) as QueueSummaryDto["byStatus"];
  let total = 0;
  let breached = 0;
  for (const row of rows) {
    byStatus[row.status] = row.total;
    total += row.total;
    breached += row.breached;
  }
  const slaComplianceRate = total === 0 ? null : (total - breached) / total;
  return { total, byStatus, breached, slaComplianceRate };
}
