import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { withTransaction } from "../../server/db/transaction.ts";
import { escalationStepDuePayload } from "../../server/events/payloads.ts";
import { fixedClock, systemContext, userContext } from "../../server/lib/service-context.ts";
import type { PolicySnapshot } from "../../server/oncall/contract.ts";
import { endEscalation, fireDueSteps, startEscalation } from "../../server/oncall/escalation-engine.ts";
import { acknowledgeEscalation, saveMyPreferences } from "../../server/oncall/escalation-service.ts";
import { createPolicy, routeTrigger, updatePolicy } from "../../server/oncall/policy-service.ts";
import { escalateFor } from "../../server/oncall/trigger-start.ts";
import { createUser } from "../support/fixtures.ts";

// The escalation engine against real PostgreSQL: durable timers that resume exactly once after a crash, an
// acknowledgement that no due step outruns, and snapshots that later policy edits do not touch.

const db = getDb();
const T = new Date("2026-03-02T03:00:00Z");
const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000);
const job = (now: Date) => systemContext("oncall-test", { clock: fixedClock(now) });

const clients: pg.Client[] = [];
async function rawClient() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  clients.push(client);
  return client;
}
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
});

async function stepEvents(escalationId: string) {
  const rows = await db.domainEvent.findMany({
    where: { aggregateType: "escalation", aggregateId: escalationId, type: "EscalationStepDue" },
    orderBy: { seq: "asc" },
  });
  return rows.map((row) => ({ seq: row.seq, ...escalationStepDuePayload.parse(row.payload) }));
}

const escalationRow = (id: string) => db.escalation.findUniqueOrThrow({ where: { id } });

function twoLevels(
  first: string,
  second: string,
  repeat = 0,
): Omit<PolicySnapshot, "policyId" | "assignees"> {
  return {
    name: "test",
    version: 1,
    repeat,
    levels: [
      { targets: [{ kind: "user", userId: first }], timeoutMinutes: 5, workingHoursOnly: false },
      { targets: [{ kind: "user", userId: second }], timeoutMinutes: 10, workingHoursOnly: false },
    ],
  };
}

async function start(
  policy: Omit<PolicySnapshot, "policyId" | "assignees">,
  now = T,
  severity: "critical" | "high" = "critical",
) {
  const objectId = randomUUID();
  const row = await withTransaction(db, (tx) =>
    startEscalation(tx, job(now), {
      triggerKey: `test:${objectId}`,
      trigger: "test",
      objectType: "alert",
      objectId,
      severity,
      title: "Test alert",
      path: `/cities/TST`,
      teamId: null,
      policyId: null,
      policy,
    }),
  );
  if (!row) throw new Error("escalation not started");
  return row;
}

describe("escalation engine", () => {
  it("pages the first level at once, the next after its timeout, then stops", async () => {
    const [aoi, ben] = [await createUser(["support_agent"]), await createUser(["support_agent"])];
    const row = await start(twoLevels(aoi.id, ben.id));
    let events = await stepEvents(row.id);
    expect(events.map((e) => [e.level, e.recipients.map((r) => r.userId), e.idempotencyKey])).toEqual([
      [0, [aoi.id], `${row.id}:0`],
    ]);
    expect(events[0]!.recipients[0]).toEqual({ userId: aoi.id, channels: [], bypassQuietHours: true });
    expect((await escalationRow(row.id)).nextStepAt).toEqual(at(5));

    await fireDueSteps(db, job(at(4)));
    expect(await stepEvents(row.id)).toHaveLength(1);
    await fireDueSteps(db, job(at(5)));
    events = await stepEvents(row.id);
    expect(events.map((e) => [e.level, e.recipients[0]!.userId])).toEqual([
      [0, aoi.id],
      [1, ben.id],
    ]);
    const after = await escalationRow(row.id);
    expect(after.status).toBe("exhausted");
    expect(after.nextStepAt).toBeNull();
    await fireDueSteps(db, job(at(60)));
    expect(await stepEvents(row.id)).toHaveLength(2);
  });

  it("carries each recipient's channels for the severity; quiet hours keep non-critical pages in-app", async () => {
    const aoi = await createUser(["support_agent"]);
    await saveMyPreferences(db, userContext(aoi, "prefs"), {
      timezone: "Asia/Tokyo",
      workDays: [1, 2, 3, 4, 5, 6, 7],
      workStartMin: 0,
      workEndMin: 1440,
      quietStartMin: 22 * 60,
      quietEndMin: 7 * 60,
      channels: { critical: ["pagerduty", "slack"], high: ["slack"] },
    });
    const critical = await start(twoLevels(aoi.id, aoi.id));
    const high = await start(twoLevels(aoi.id, aoi.id), T, "high");
    expect((await stepEvents(critical.id))[0]!.recipients).toEqual([
      { userId: aoi.id, channels: ["pagerduty", "slack"], bypassQuietHours: true },
    ]);
    expect((await stepEvents(high.id))[0]!.recipients).toEqual([
      { userId: aoi.id, channels: ["slack"], bypassQuietHours: false },
    ]);
    // 15:00 UTC is midnight in Tokyo, inside aoi's quiet hours: a high page goes in-app only, a critical one as set.
    const night = new Date("2026-03-02T15:00:00Z");
    const quietHigh = await start(twoLevels(aoi.id, aoi.id), night, "high");
    const quietCritical = await start(twoLevels(aoi.id, aoi.id), night, "critical");
    expect((await stepEvents(quietHigh.id))[0]!.recipients).toEqual([
      { userId: aoi.id, channels: ["in_app"], bypassQuietHours: false },
    ]);
    expect((await stepEvents(quietCritical.id))[0]!.recipients).toEqual([
      { userId: aoi.id, channels: ["pagerduty", "slack"], bypassQuietHours: true },
    ]);
  });

  it("skips a working-hours-only level while its responder is off duty, unless the page is critical", async () => {
    const [night, lead] = [await createUser(["support_agent"]), await createUser(["support_agent"])];
    // 03:00 UTC is 12:00 in Tokyo and 03:00 for a UTC responder working 09:00–18:00.
    await saveMyPreferences(db, userContext(night, "prefs"), {
      timezone: "UTC",
      workDays: [1, 2, 3, 4, 5],
      workStartMin: 9 * 60,
      workEndMin: 18 * 60,
      quietStartMin: null,
      quietEndMin: null,
      channels: {},
    });
    const policy = twoLevels(night.id, lead.id);
    policy.levels[0]!.workingHoursOnly = true;
    const high = await start(policy, T, "high");
    expect((await stepEvents(high.id)).map((e) => e.recipients[0]!.userId)).toEqual([lead.id]);
    const critical = await start(policy, T, "critical");
    expect((await stepEvents(critical.id)).map((e) => e.recipients[0]!.userId)).toEqual([night.id]);
  });

  it("resumes after a crash mid-step exactly once: the crashed claim rolls back, the next run fires it once", async () => {
    const [aoi, ben] = [await createUser(["support_agent"]), await createUser(["support_agent"])];
    const row = await start(twoLevels(aoi.id, ben.id));
    // An instance claims the due step and dies before committing (its connection is killed).
    const crashed = await rawClient();
    crashed.on("error", () => undefined);
    const pid = (await crashed.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
    await crashed.query("BEGIN");
    const claimed = await crashed.query(
      `SELECT id FROM "Escalation" WHERE id = $1 AND "nextStepAt" <= $2 FOR UPDATE SKIP LOCKED`,
      [row.id, at(5)],
    );
    expect(claimed.rowCount).toBe(1);
    // While it holds the row, another instance's run skips it rather than firing twice.
    await fireDueSteps(db, job(at(5)));
    expect(await stepEvents(row.id)).toHaveLength(1);
    const killer = await rawClient();
    await killer.query("SELECT pg_terminate_backend($1)", [pid]);
    // pg_terminate_backend only signals: the row stays locked until that backend has exited.
    while ((await killer.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid])).rowCount)
      await new Promise((resolve) => setTimeout(resolve, 20));
    // After the "restart", two overlapping runs fire the due step once between them.
    await Promise.all([fireDueSteps(db, job(at(6))), fireDueSteps(db, job(at(6)))]);
    const events = await stepEvents(row.id);
    expect(events.map((e) => e.idempotencyKey)).toEqual([`${row.id}:0`, `${row.id}:1`]);
    expect((await escalationRow(row.id)).stepCount).toBe(2);
  });

  it("an acknowledgement holding the row makes a due step skip it, and none fires after the ack commits", async () => {
    const [aoi, ben] = [await createUser(["support_agent"]), await createUser(["support_agent"])];
    const row = await start(twoLevels(aoi.id, ben.id));
    const ack = await rawClient();
    await ack.query("BEGIN");
    await ack.query(
      `UPDATE "Escalation" SET status = 'acknowledged', "nextStepAt" = NULL, "activeKey" = NULL WHERE id = $1`,
      [row.id],
    );
    await fireDueSteps(db, job(at(5)));
    expect(await stepEvents(row.id)).toHaveLength(1);
    await ack.query("COMMIT");
    await fireDueSteps(db, job(at(30)));
    expect(await stepEvents(row.id)).toHaveLength(1);
  });

  it("races acknowledgements against due steps: no step is recorded after the acknowledgement", async () => {
    const [aoi, ben] = [await createUser(["support_agent"]), await createUser(["support_agent"])];
    const user = userContext(aoi, "race", fixedClock(at(5)));
    for (let i = 0; i < 15; i++) {
      const row = await start(twoLevels(aoi.id, ben.id, 3));
      const [, acked] = await Promise.all([
        fireDueSteps(db, job(at(5))),
        acknowledgeEscalation(db, user, { escalationId: row.id }),
      ]);
      expect(acked.acknowledged).toBe(1);
      // Later runs, however late, fire nothing more.
      await fireDueSteps(db, job(at(500)));
      const ackEvent = await db.domainEvent.findFirstOrThrow({
        where: { aggregateId: row.id, type: "EscalationAcknowledged" },
      });
      const steps = await stepEvents(row.id);
      expect(steps.length).toBeGreaterThanOrEqual(1);
      expect(steps.length).toBeLessThanOrEqual(2);
      for (const step of steps) expect(step.seq < ackEvent.seq).toBe(true);
      const final = await escalationRow(row.id);
      expect(final.status).toBe("acknowledged");
      expect(final.stepCount).toBe(steps.length);
    }
  });

  it("acknowledging ends every live escalation of the object at once; resolving a finished one changes nothing", async () => {
    const aoi = await createUser(["support_agent"]);
    const objectId = randomUUID();
    const startFor = (trigger: string) =>
      withTransaction(db, (tx) =>
        startEscalation(tx, job(T), {
          triggerKey: `${trigger}:${objectId}`,
          trigger,
          objectType: "ticket",
          objectId,
          severity: "high",
          title: "P2 ticket",
          path: `/tickets/${objectId}`,
          teamId: null,
          policyId: null,
          policy: twoLevels(aoi.id, aoi.id),
        }),
      );
    const [first, second] = [await startFor("ticket.first_response"), await startFor("ticket.sla_breach")];
    // A redelivered trigger starts nothing new.
    expect(await startFor("ticket.sla_breach")).toBeNull();
    const ended = await endEscalation(
      db,
      job(at(1)),
      { objectType: "ticket", objectId },
      {
        status: "acknowledged",
        at: at(1),
        userId: aoi.id,
        via: "console",
      },
    );
    expect(ended.map((e) => e.id).sort()).toEqual([first!.id, second!.id].sort());
    expect(
      await endEscalation(
        db,
        job(at(2)),
        { objectType: "ticket", objectId },
        { status: "resolved", at: at(2) },
      ),
    ).toEqual([]);
    await fireDueSteps(db, job(at(100)));
    expect(await stepEvents(first!.id)).toHaveLength(1);
    expect(await stepEvents(second!.id)).toHaveLength(1);
  });

  it("keeps the policy snapshot it started with when the policy is edited later", async () => {
    const admin = await createUser(["admin"]);
    const aoi = await createUser(["support_agent"]);
    const ben = await createUser(["support_agent"]);
    const chie = await createUser(["support_agent"]);
    const context = userContext(admin, "policy", fixedClock(T));
    const policy = await createPolicy(db, context, {
      name: `Snapshot ${randomUUID()}`,
      description: "",
      repeat: 0,
      levels: twoLevels(aoi.id, ben.id).levels,
    });
    const trigger = `alert.rule:${randomUUID()}`;
    await routeTrigger(db, context, { trigger, policyId: policy.id });
    const objectId = randomUUID();
    await withTransaction(db, (tx) =>
      escalateFor(tx, job(T), {
        triggers: [trigger, "alert.warning"],
        triggerKey: `alert:${objectId}`,
        objectType: "alert",
        objectId,
        severity: "warning",
        title: "Snapshot test",
        path: "/cities/TST",
        teamId: null,
      }),
    );
    await updatePolicy(db, context, {
      policyId: policy.id,
      version: policy.version,
      name: policy.name,
      description: "edited",
      repeat: 0,
      levels: [{ targets: [{ kind: "user", userId: chie.id }], timeoutMinutes: 1, workingHoursOnly: false }],
    });
    const row = await db.escalation.findFirstOrThrow({ where: { objectId } });
    expect(row.policyId).toBe(policy.id);
    await fireDueSteps(db, job(at(5)));
    const events = await stepEvents(row.id);
    expect(events.map((e) => e.recipients[0]!.userId)).toEqual([aoi.id, ben.id]);
    expect((row.policy as { version: number }).version).toBe(1);
  });
});
