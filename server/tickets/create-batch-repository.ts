import type { Tx } from "../db/transaction.ts";
import { uuid7 } from "../events/uuid7.ts";
import { activeEmailIndex, encryptNullable, encryptPii } from "../lib/pii-cipher.ts";
import { piiKeyring } from "../lib/pii-keyring.ts";
import type { StoredSla } from "./sla-fields.ts";
import type { CreateTicketInput } from "./contract.ts";
import type { TicketCategory, TicketPriority } from "./types.ts";

// Set-wise writes of a batch of new tickets (create-batch.ts): one statement per table for the whole batch, each
// column an array parameter (Prisma's createMany spends longer building a 500-row statement than PostgreSQL
// spends running it). The requester is encrypted at rest here as repository.ts does for one row. Timestamps go as
// ISO text and are stored as UTC in `timestamp(3)` columns, Prisma's convention.

export interface NewTicketRow {
  externalId: string;
  subject: string;
  description: string;
  priority: TicketPriority;
  category: TicketCategory;
  source: CreateTicketInput["source"];
  language: string;
  cityId: string | null;
  teamId: string;
  assigneeId: string | null;
  requesterName: string;
  requesterEmail: string | null;
  orderRef: string | null;
  restaurantId: string | null;
  sla: StoredSla;
  createdAt: Date;
}

export interface InsertedTicket {
  id: string;
  number: number;
  requesterEmailIndex: string | null;
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

/** The tickets that already carry one of these externalIds. */
export async function findTicketsByExternalIds(
  tx: Tx,
  externalIds: readonly string[],
): Promise<Map<string, { id: string; number: number }>> {
  const rows = await tx.$queryRaw<{ id: string; number: number; externalId: string }[]>`
    SELECT id::text AS id, number, "externalId" FROM "Ticket" WHERE "externalId" = ANY(${[...externalIds]}::text[])`;
  return new Map(rows.map((row) => [row.externalId, { id: row.id, number: row.number }]));
}

/** Inserts the rows and their next SLA checks; answers each new ticket's id and number by externalId. */
export async function insertTicketRows(
  tx: Tx,
  rows: readonly NewTicketRow[],
): Promise<Map<string, InsertedTicket>> {
  if (rows.length === 0) return new Map();
  const keyring = piiKeyring();
  const column = <T>(value: (row: NewTicketRow) => T) => rows.map(value);
  const ids = rows.map((row) => uuid7(row.createdAt.getTime()));
  const emailIndexes = column((r) => activeEmailIndex(keyring, r.requesterEmail));
  const inserted = await tx.$queryRaw<{ id: string; number: number; externalId: string }[]>`
    INSERT INTO "Ticket" (id, "externalId", subject, description, priority, category, source, language, "cityId",
                          "teamId", "assigneeId", "requesterName", "requesterEmail", "requesterEmailIndex", "orderRef",
                          "restaurantId", "firstResponseDueAt", "resolutionDueAt", "slaDueAt", "slaAtRiskAt",
                          "firstResponseBreachedAt", "resolutionBreachedAt", "slaPauses", "createdAt", "updatedAt")
    SELECT id, external_id, subject, description, priority::"TicketPriority", category::"TicketCategory",
           source::"TicketSource", language, city_id, team_id, assignee_id, requester_name, requester_email,
           email_index, order_ref, restaurant_id, first_due::timestamptz AT TIME ZONE 'UTC',
           resolution_due::timestamptz AT TIME ZONE 'UTC', sla_due::timestamptz AT TIME ZONE 'UTC',
           at_risk::timestamptz AT TIME ZONE 'UTC', first_breached::timestamptz AT TIME ZONE 'UTC',
           resolution_breached::timestamptz AT TIME ZONE 'UTC', '[]'::jsonb, created::timestamptz AT TIME ZONE 'UTC',
           created::timestamptz AT TIME ZONE 'UTC'
      FROM unnest(${ids}::uuid[], ${column((r) => r.externalId)}::text[], ${column((r) => r.subject)}::text[],
                  ${column((r) => r.description)}::text[], ${column((r) => r.priority)}::text[],
                  ${column((r) => r.category)}::text[], ${column((r) => r.source)}::text[],
                  ${column((r) => r.language)}::text[], ${column((r) => r.cityId)}::uuid[],
                  ${column((r) => r.teamId)}::uuid[], ${column((r) => r.assigneeId)}::uuid[],
                  ${column((r) => encryptPii(keyring, r.requesterName))}::text[],
                  ${column((r) => encryptNullable(keyring, r.requesterEmail))}::text[], ${emailIndexes}::text[],
                  ${column((r) => r.orderRef)}::text[], ${column((r) => r.restaurantId)}::text[],
                  ${column((r) => iso(r.sla.firstResponseDueAt))}::text[],
                  ${column((r) => iso(r.sla.resolutionDueAt))}::text[], ${column((r) => iso(r.sla.slaDueAt))}::text[],
                  ${column((r) => iso(r.sla.slaAtRiskAt))}::text[],
                  ${column((r) => iso(r.sla.firstResponseBreachedAt))}::text[],
                  ${column((r) => iso(r.sla.resolutionBreachedAt))}::text[], ${column((r) => iso(r.createdAt))}::text[])
           AS t(id, external_id, subject, description, priority, category, source, language, city_id, team_id,
                assignee_id, requester_name, requester_email, email_index, order_ref, restaurant_id, first_due,
                resolution_due, sla_due, at_risk, first_breached, resolution_breached, created)
    RETURNING id::text AS id, number, "externalId"`;
  const indexOf = new Map(rows.map((row, index) => [row.externalId, emailIndexes[index] ?? null]));
  const byExternalId = new Map(
    inserted.map((row) => [
      row.externalId,
      { id: row.id, number: row.number, requesterEmailIndex: indexOf.get(row.externalId) ?? null },
    ]),
  );
  const checks = rows.flatMap((row) =>
    row.sla.slaNextCheckAt === null
      ? []
      : [{ ticketId: byExternalId.get(row.externalId)!.id, dueAt: row.sla.slaNextCheckAt.toISOString() }],
  );
  if (checks.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "TicketSlaCheck" ("ticketId", "dueAt")
      SELECT ticket_id, due::timestamptz AT TIME ZONE 'UTC'
        FROM unnest(${checks.map((c) => c.ticketId)}::uuid[], ${checks.map((c) => c.dueAt)}::text[])
             AS c(ticket_id, due)`;
  }
  return byExternalId;
}

export interface NewAssignment {
  ticketId: string;
  assigneeId: string | null;
  teamId: string;
  reason: unknown;
  createdAt: Date;
}

/**
 * Routing's own assignment of each new ticket (decidedBy auto), with its reason. The reasons (every candidate and
 * its load: kilobytes each) go as one JSON document: as an array of jsonb values each would be escaped again.
 */
export async function insertAssignments(tx: Tx, rows: readonly NewAssignment[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "TicketAssignment" (id, "ticketId", "assigneeId", "teamId", "decidedBy", reason, "createdAt")
    SELECT a.id, a.ticket_id, a.assignee_id, a.team_id, 'auto', r.reason, a.created::timestamptz AT TIME ZONE 'UTC'
      FROM unnest(${rows.map((r) => uuid7(r.createdAt.getTime()))}::uuid[], ${rows.map((r) => r.ticketId)}::uuid[],
                  ${rows.map((r) => r.assigneeId)}::uuid[], ${rows.map((r) => r.teamId)}::uuid[],
                  ${rows.map((r) => iso(r.createdAt))}::text[]) WITH ORDINALITY
           AS a(id, ticket_id, assignee_id, team_id, created, n)
      JOIN jsonb_array_elements(${JSON.stringify(rows.map((r) => r.reason))}::jsonb) WITH ORDINALITY AS r(reason, n)
        USING (n)`;
}
