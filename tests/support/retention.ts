import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "../../server/db/client.ts";
import { createPrismaClient, getDb } from "../../server/db/client.ts";
import { applyMigrations } from "../../server/db/migrate.ts";
import { raw } from "../../server/db/sql.ts";
import { encryptPii } from "../../server/lib/pii-cipher.ts";
import { piiKeyring } from "../../server/lib/pii-keyring.ts";
import { fixedClock, systemContext } from "../../server/lib/service-context.ts";
import type { ArchivedTable } from "../../server/retention/families.ts";
import { KEPT_TABLES } from "../../server/retention/policy.ts";
import { createUser } from "./fixtures.ts";
import { createCity } from "./cities.ts";
import { createScratchDatabase } from "./databases.ts";
import { supportTeams } from "./tickets.ts";

// A world of old and recent, closed and open tickets and risk cases around one instant, for the retention tests:
// `removed` is what the policy takes (closed and past it), `kept` what it must leave.

const RETENTION_NOW = new Date("2026-12-06T03:00:00Z");
const at = (iso: string) => new Date(iso);

export const retentionContext = (correlationId = `retention-${randomUUID()}`) =>
  systemContext("retention.archive", { correlationId, clock: fixedClock(RETENTION_NOW) });

export const archiveDirectory = () => mkdtemp(path.join(tmpdir(), "ops-archive-"));

/** A migrated scratch database beside the test one, to restore an archive into; `drop` disconnects and drops it. */
export async function restoreTarget(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL!, "ops_restore");
  await applyMigrations(scratch.url);
  const db = createPrismaClient(scratch.url);
  return {
    db,
    drop: async () => {
      await db.$disconnect();
      await scratch.drop();
    },
  };
}

type TicketState = "open" | "resolved" | "closed";

async function ticket(teamId: string, cityId: string, state: TicketState, closed: string, opened: string) {
  const db = getDb();
  const row = await db.ticket.create({
    data: {
      subject: `Refund for order ${randomUUID().slice(0, 8)}`,
      description: "配達が遅れました — the courier never came",
      status: state,
      priority: "P2",
      category: "refund_request",
      source: "consumer",
      cityId,
      teamId,
      requesterName: encryptPii(piiKeyring(), "山田 太郎"),
      requesterEmail: encryptPii(piiKeyring(), "taro@example.test"),
      slaPauses: [{ from: "2023-01-02T01:00:00.000Z", to: "2023-01-02T03:30:00.000Z" }],
      slaPausedSeconds: 9000,
      createdAt: at(opened),
      resolvedAt: state === "open" ? null : at(closed),
      closedAt: state === "closed" ? at(closed) : null,
      updatedAt: at(state === "open" ? opened : closed),
    },
  });
  return row.id;
}

async function ticketChildren(ticketId: string, userId: string, teamId: string) {
  const db = getDb();
  for (const body of ["First reply: we are checking", "内部メモ：返金済み"])
    await db.ticketComment.create({
      data: { ticketId, authorId: userId, visibility: "public", body, createdAt: at("2022-12-20T10:00:00Z") },
    });
  await db.ticketAssignment.create({
    data: {
      ticketId,
      assigneeId: userId,
      teamId,
      decidedBy: "routing",
      reason: { rule: "least-loaded", loads: { [userId]: 2.5 }, candidates: 3 },
      createdAt: at("2022-12-20T09:00:00Z"),
    },
  });
  await db.ticketSlaCheck.create({ data: { ticketId, dueAt: at("2022-12-21T09:00:00Z") } });
  await db.ticketViewer.create({ data: { ticketId, userId, lastSeenAt: at("2022-12-22T09:00:00.123Z") } });
}

async function riskCase(status: "open" | "closed", closed: string | null, cityId: string, ownerId: string) {
  const row = await getDb().riskCase.create({
    data: {
      type: "refund_abuse",
      subjectType: "consumer",
      subjectId: `cus_${randomUUID().slice(0, 12)}`,
      status,
      score: 82,
      level: "high",
      contributions: [{ rule: "refunds-7d", points: 40.5 }],
      ruleSetVersion: 1,
      cityId,
      queue: "risk-default",
      ownerId,
      openedAt: at("2019-03-01T00:00:00Z"),
      closedAt: closed ? at(closed) : null,
      resolution: status === "closed" ? "confirmed_fraud" : null,
      updatedAt: at(closed ?? "2019-03-01T00:00:00Z"),
    },
  });
  return row.id;
}

async function signal(caseId: string | null, observed: string) {
  const row = await getDb().riskSignal.create({
    data: {
      sourceEventId: `evt_${randomUUID()}`,
      type: "refund_abuse",
      subjectType: "consumer",
      subjectId: "cus_signal",
      attributes: {},
      observedAt: at(observed),
      receivedAt: at(observed),
      caseId,
    },
  });
  // Numbers no JavaScript double holds: the archive must carry their digits.
  await getDb().$executeRaw`
    UPDATE "RiskSignal"
       SET attributes = '{"amount": 12345678901234567890.123456789, "orders": 9007199254740993, "note": "返金"}'::jsonb
     WHERE id = ${row.id}::uuid`;
  return row.id;
}

export interface RetentionWorld {
  removed: { tickets: string[]; cases: string[]; signals: string[] };
  kept: { tickets: string[]; cases: string[] };
}

export async function buildRetentionWorld(): Promise<RetentionWorld> {
  const db = getDb();
  const teams = await supportTeams();
  const city = await createCity("Archiveville");
  const agent = await createUser(["support_agent"]);
  const team = teams.consumer;
  const oldClosed = await ticket(team, city.id, "closed", "2023-01-05T08:00:00Z", "2022-12-20T08:00:00Z");
  const oldResolved = await ticket(team, city.id, "resolved", "2023-06-01T08:00:00Z", "2023-05-20T08:00:00Z");
  const recentClosed = await ticket(team, city.id, "closed", "2025-06-01T08:00:00Z", "2025-05-20T08:00:00Z");
  const oldOpen = await ticket(team, city.id, "open", "", "2022-01-10T08:00:00Z");
  const linkedToOpenCase = await ticket(
    team,
    city.id,
    "closed",
    "2023-02-01T08:00:00Z",
    "2023-01-20T08:00:00Z",
  );
  await ticketChildren(oldClosed, agent.id, team);
  await ticketChildren(oldResolved, agent.id, team);

  const oldCase = await riskCase("closed", "2020-04-01T00:00:00Z", city.id, agent.id);
  const recentCase = await riskCase("closed", "2023-04-01T00:00:00Z", city.id, agent.id);
  const openCase = await riskCase("open", null, city.id, agent.id);
  const caseSignals = [
    await signal(oldCase, "2019-02-28T00:00:00Z"),
    await signal(oldCase, "2019-02-27T12:00:00Z"),
  ];
  const orphan = await signal(null, "2020-01-01T00:00:00Z");
  await signal(recentCase, "2023-03-01T00:00:00Z");
  await db.mitigationAction.create({
    data: { caseId: oldCase, kind: "block_refunds", status: "completed", ownerId: agent.id, note: "done" },
  });
  await db.riskCaseTicketLink.create({ data: { caseId: oldCase, ticketId: oldClosed } });
  await db.riskCaseTicketLink.create({ data: { caseId: openCase, ticketId: linkedToOpenCase } });
  // The report fact of a ticket that will be removed (normally folded from its events by the reports consumer).
  await db.$executeRaw`
    INSERT INTO "ReportTicketFact" ("ticketId", number, "teamId", priority, category, status, "createdAt",
                                    "closedAt", "firstResponseTargetMinutes", "resolutionTargetMinutes",
                                    "lastEventSeq", "updatedAt")
    VALUES (${oldClosed}::uuid, 1, ${team}::uuid, 'P2', 'refund_request', 'closed', '2022-12-20T08:00:00Z',
            '2023-01-05T08:00:00Z', 60, 1440, 1, now())`;
  // History of a ticket that will be removed: the event log keeps it.
  await db.domainEvent.create({
    data: {
      type: "TicketCreated",
      aggregateType: "ticket",
      aggregateId: oldClosed,
      payload: { number: 1 },
      actorType: "system",
      correlationId: "retention-fixture",
    },
  });
  return {
    removed: { tickets: [oldClosed, oldResolved], cases: [oldCase], signals: [...caseSignals, orphan] },
    kept: { tickets: [recentClosed, oldOpen, linkedToOpenCase], cases: [recentCase, openCase] },
  };
}

/** Each row of `table` whose `column` is one of `ids`, as PostgreSQL's JSON text, sorted: an exact picture. */
async function rowsAsJson(db: Db, table: ArchivedTable, column: string, ids: readonly string[]) {
  const rows = await db.$queryRaw<{ line: string }[]>`
    SELECT row_to_json(r.*)::text AS line FROM ${raw(`"${table}"`)} r
     WHERE r.${raw(`"${column}"`)} = ANY(${ids}::uuid[])`;
  return rows.map((row) => row.line).sort();
}

/** The rows the policy removes from a world, table by table (see rowsAsJson). */
export async function removedRowsPicture(db: Db, world: RetentionWorld) {
  const { tickets, cases, signals } = world.removed;
  return {
    Ticket: await rowsAsJson(db, "Ticket", "id", tickets),
    TicketComment: await rowsAsJson(db, "TicketComment", "ticketId", tickets),
    TicketAssignment: await rowsAsJson(db, "TicketAssignment", "ticketId", tickets),
    TicketSearch: await rowsAsJson(db, "TicketSearch", "ticketId", tickets),
    TicketSlaCheck: await rowsAsJson(db, "TicketSlaCheck", "ticketId", tickets),
    TicketViewer: await rowsAsJson(db, "TicketViewer", "ticketId", tickets),
    RiskCase: await rowsAsJson(db, "RiskCase", "id", cases),
    RiskSignal: await rowsAsJson(db, "RiskSignal", "id", signals),
    MitigationAction: await rowsAsJson(db, "MitigationAction", "caseId", cases),
    RiskCaseTicketLink: await rowsAsJson(db, "RiskCaseTicketLink", "caseId", cases),
  };
}

/** Rows in each table retention keeps, to compare before and after a run. */
export async function keptTableCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of KEPT_TABLES) {
    const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${raw(`"${table}"`)}`;
    counts[table] = row?.n ?? 0;
  }
  return counts;
}
