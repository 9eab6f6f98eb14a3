import type { InputJsonObject, JsonValue } from "../db/json.ts";
import type { Queryable, Tx } from "../db/transaction.ts";

// The escalation rows: the durable timer (nextStepAt) and the step counter that make a restart resume each step
// exactly once. Due rows are claimed FOR UPDATE SKIP LOCKED; an acknowledgement or resolution ends every pending
// step of an object with one UPDATE, which waits for a step being fired and makes a later claim skip the row.

export interface EscalationRow {
  id: string;
  triggerKey: string;
  objectType: string;
  objectId: string;
  policyId: string | null;
  policy: JsonValue;
  severity: string;
  title: string;
  path: string;
  teamId: string | null;
  status: "active" | "acknowledged" | "resolved" | "exhausted";
  level: number;
  round: number;
  stepCount: number;
  nextStepAt: Date | null;
  startedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  acknowledgedVia: string | null;
  endedAt: Date | null;
}

export interface NewEscalation {
  triggerKey: string;
  /** The trigger's name ("ticket.sla_breach"): one live escalation per object and trigger. */
  trigger: string;
  objectType: string;
  objectId: string;
  policyId: string | null;
  policy: InputJsonObject;
  severity: string;
  title: string;
  path: string;
  teamId: string | null;
  startedAt: Date;
}

/**
 * Inserts the escalation unless its trigger was taken already or the object has a live escalation; returns the
 * row locked for this transaction, or null.
 */
export async function insertEscalation(tx: Tx, row: NewEscalation): Promise<EscalationRow | null> {
  const [created] = await tx.$queryRaw<EscalationRow[]>`
    INSERT INTO "Escalation" (id, "triggerKey", "objectType", "objectId", "activeKey", "policyId", policy, severity,
                              title, path, "teamId", "nextStepAt", "startedAt")
    VALUES (gen_random_uuid(), ${row.triggerKey}, ${row.objectType}, ${row.objectId},
            ${`${row.objectType}:${row.objectId}:${row.trigger}`}, ${row.policyId}::uuid, ${JSON.stringify(row.policy)}::jsonb,
            ${row.severity}, ${row.title}, ${row.path}, ${row.teamId}::uuid, ${row.startedAt}, ${row.startedAt})
    ON CONFLICT DO NOTHING
    RETURNING *`;
  return created ?? null;
}

/** Up to `limit` active escalations whose next step is due, locked; rows another worker holds are skipped. */
export function claimDueEscalations(tx: Tx, now: Date, limit: number): Promise<EscalationRow[]> {
  return tx.$queryRaw<EscalationRow[]>`
    SELECT * FROM "Escalation"
     WHERE "nextStepAt" <= ${now} AND status = 'active'
     ORDER BY "nextStepAt"
     LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`;
}

export interface StepAdvance {
  level: number;
  round: number;
  nextStepAt: Date | null;
}

/** Moves a claimed escalation on by one step (the counter guards against a second writer of the same step). */
export async function advanceEscalation(
  tx: Tx,
  row: Pick<EscalationRow, "id" | "stepCount">,
  advance: StepAdvance,
  fired: boolean,
): Promise<void> {
  const status = advance.nextStepAt === null ? "exhausted" : "active";
  const count = await tx.$executeRaw`
    UPDATE "Escalation"
       SET level = ${advance.level}, round = ${advance.round}, "nextStepAt" = ${advance.nextStepAt},
           "stepCount" = "stepCount" + ${fired ? 1 : 0}, status = ${status}::"EscalationStatus"
     WHERE id = ${row.id}::uuid AND "stepCount" = ${row.stepCount} AND status = 'active'`;
  if (count !== 1) throw new Error(`escalation ${row.id} moved under a claimed step`);
}

export type EndedBy =
  { status: "acknowledged"; at: Date; userId: string | null; via: string } | { status: "resolved"; at: Date };

/** One escalation, or every live one of an object (of one trigger only, when named). */
export type Which = { escalationId: string } | { objectType: string; objectId: string; trigger?: string };

/** Ends every live escalation matched, at once: no pending step of theirs fires after this commits. */
export function endEscalations(tx: Tx, which: Which, ended: EndedBy): Promise<EscalationRow[]> {
  const byId = "escalationId" in which ? which.escalationId : null;
  const objectType = "objectType" in which ? which.objectType : null;
  const objectId = "objectId" in which ? which.objectId : null;
  const activeKey = "trigger" in which && which.trigger ? `${objectType}:${objectId}:${which.trigger}` : null;
  const ack = ended.status === "acknowledged" ? ended : null;
  return tx.$queryRaw<EscalationRow[]>`
    UPDATE "Escalation"
       SET status = ${ended.status}::"EscalationStatus", "nextStepAt" = NULL, "activeKey" = NULL,
           "endedAt" = ${ended.at},
           "acknowledgedAt" = coalesce("acknowledgedAt", ${ack?.at ?? null}::timestamp),
           "acknowledgedById" = coalesce("acknowledgedById", ${ack?.userId ?? null}::uuid),
           "acknowledgedVia" = coalesce("acknowledgedVia", ${ack?.via ?? null})
     WHERE status IN ('active', 'exhausted')
       AND (${byId}::uuid IS NULL OR id = ${byId}::uuid)
       AND (${objectType}::text IS NULL OR ("objectType" = ${objectType} AND "objectId" = ${objectId}))
       AND (${activeKey}::text IS NULL OR "activeKey" = ${activeKey})
    RETURNING *`;
}

/** Whether a trigger occurrence started an escalation already (whatever became of it). */
export async function triggerTaken(tx: Tx, triggerKey: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM "Escalation" WHERE "triggerKey" = ${triggerKey}`;
  return rows.length > 0;
}

export function findEscalation(db: Queryable, id: string): Promise<EscalationRow | null> {
  return db.$queryRaw<EscalationRow[]>`SELECT * FROM "Escalation" WHERE id = ${id}::uuid`.then(
    (rows) => rows[0] ?? null,
  );
}

/** Live escalations (active or exhausted, not yet acknowledged), newest first. */
export function liveEscalations(db: Queryable, limit: number): Promise<EscalationRow[]> {
  return db.$queryRaw<EscalationRow[]>`
    SELECT * FROM "Escalation" WHERE status IN ('active', 'exhausted') ORDER BY "startedAt" DESC LIMIT ${limit}`;
}
