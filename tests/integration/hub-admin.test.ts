import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { REPLAY_ROWS_PER_MINUTE } from "../../server/hub/admin/contract.ts";
import { REPEAT_THRESHOLD } from "../../server/hub/routes/facts.ts";
import { hubOverview } from "../../server/hub/admin/overview.ts";
import { checkSourceSilence } from "../../server/hub/admin/silence.ts";
import { inboxLagSeconds } from "../../server/hub/processing/lag.ts";
import { claimInbound, settleHolds } from "../../server/hub/processing-repository.ts";
import { activeSecrets } from "../../server/hub/sources-repository.ts";
import { fixedClock, systemContext, userContext } from "../../server/lib/service-context.ts";
import { DEMO_EVENT_SOURCES } from "../../server/seed/event-sources.ts";
import { callerFor, eventsOf } from "../support/alerts.ts";
import { drain } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";

// The Event hub's admin side against real PostgreSQL: the per-source overview, dead letters with a dry run and a
// rate-limited audited replay, pause and resume holding events, secret rotation, and the silent-source check.

const db = getDb();
const SOURCE = "courier_mobility";

async function ensureSources() {
  for (const source of DEMO_EVENT_SOURCES) {
    await db.eventSource.upsert({
      where: { key: source.key },
      create: { key: source.key, name: source.name, silenceAfterSeconds: source.silenceAfterSeconds },
      update: { status: "active" },
    });
  }
}

const safetyIncident = (cityCode = "TYO") => ({
  incidentId: `inc-${randomUUID()}`,
  courierId: "courier-7",
  cityCode,
  severity: "serious",
  description: "Courier knocked off the bike at a crossing",
  occurredAt: "2026-03-02T03:00:00Z",
});

async function inbox(fields: {
  status: string;
  data?: object;
  failureClass?: string;
  lastError?: string;
  receivedAt?: Date;
  availableAt?: Date;
  source?: string;
  type?: string;
  orderingKey?: string;
}) {
  return db.inboundEvent.create({
    data: {
      source: fields.source ?? SOURCE,
      eventId: randomUUID(),
      type: fields.type ?? "SafetyIncidentReported",
      data: fields.data ?? safetyIncident(),
      orderingKey: fields.orderingKey ?? `courier:${randomUUID()}`,
      receivedVia: "bearer:test",
      status: fields.status,
      failureClass: fields.failureClass ?? null,
      lastError: fields.lastError ?? null,
      attempts: fields.status === "dead" ? 5 : 0,
      ...(fields.receivedAt ? { receivedAt: fields.receivedAt } : {}),
      ...(fields.availableAt ? { availableAt: fields.availableAt } : {}),
    },
  });
}

/** Other tests' rows this test's claim took, due again as they were. */
const releaseClaims = (claimed: readonly { seq: bigint }[]) =>
  db.inboundEvent.updateMany({
    where: { seq: { in: claimed.map((row) => row.seq) } },
    data: { availableAt: new Date(), attempts: { decrement: 1 } },
  });

const statusOf = async (receiptId: string) =>
  (await db.inboundEvent.findFirstOrThrow({ where: { receiptId } })).status;

describe("event hub admin", () => {
  beforeAll(ensureSources);
  afterEach(() => db.eventSource.updateMany({ data: { status: "active" } }));

  it("shows each source's throughput, lag, status counts and failures by class", async () => {
    const admin = callerFor(await createUser(["admin"]));
    // Nothing else of the source waiting (earlier files of this worker leave rows), so the lag is this test's.
    await db.inboundEvent.deleteMany({ where: { source: SOURCE, status: "pending" } });
    const before = (await admin.hub.overview()).sources.find((source) => source.key === SOURCE)!;
    const now = Date.now();
    for (let i = 0; i < 30; i++) await inbox({ status: "routed", receivedAt: new Date(now - i * 20_000) });
    const twoMinutesAgo = new Date(now - 120_000);
    await inbox({ status: "pending", receivedAt: twoMinutesAgo, availableAt: twoMinutesAgo });
    // Due again just now (a replay, a resume): no lag, however long ago it came.
    await inbox({ status: "pending", receivedAt: new Date(now - 3_600_000), availableAt: new Date(now) });
    await inbox({ status: "dead", failureClass: "downstream", lastError: "city TYO unknown" });
    // Requests the edge refused for bad signatures this hour, and some of last week's, outside the day shown.
    const hour = new Date(Math.floor(now / 3_600_000) * 3_600_000);
    for (const [at, count] of [
      [hour, 4],
      [new Date(hour.getTime() - 3 * 86_400_000), 9],
    ] as const) {
      await db.eventSourceRefusal.upsert({
        where: { source_failureClass_hour: { source: SOURCE, failureClass: "signature", hour: at } },
        create: { source: SOURCE, failureClass: "signature", hour: at, count },
        update: { count: { increment: count } },
      });
    }

    const { sources } = await admin.hub.overview();
    expect(sources.map((source) => source.key)).toEqual([
      "consumer_experience",
      "courier_mobility",
      "integration_contract",
      "restaurant_operations",
    ]);
    const after = sources.find((source) => source.key === SOURCE)!;
    expect(after.perMinute15m - before.perMinute15m).toBeCloseTo(32 / 15, 1);
    expect(after.byStatus.routed! - (before.byStatus.routed ?? 0)).toBe(30);
    expect(after.byStatus.dead! - (before.byStatus.dead ?? 0)).toBe(1);
    expect(after.failuresByClass.downstream! - (before.failuresByClass.downstream ?? 0)).toBe(1);
    expect(after.failuresByClass.signature! - (before.failuresByClass.signature ?? 0)).toBe(4);
    expect(after.lagSeconds).toBeGreaterThanOrEqual(119);
    expect(after.lagSeconds).toBeLessThan(200);
    expect(after.lastEventAt!.getTime()).toBeGreaterThanOrEqual(now - 1_000);
  });

  it("counts the inbox lag (readiness) from when a takeable row became due, leaving out rows that wait on purpose", async () => {
    // Nothing else waiting (earlier files of this worker leave rows), so the lag is this test's.
    await db.inboundEvent.deleteMany({ where: { status: "pending" } });
    const now = Date.now();
    const ago = (seconds: number) => new Date(now - seconds * 1_000);
    // A dead letter of last week replayed just now, and a source resumed after a long pause: due just now.
    await inbox({ status: "pending", receivedAt: ago(7 * 86_400), availableAt: ago(1) });
    // Backing off after a failure, and the row of its order behind it: they wait on purpose.
    const order = `order:${randomUUID()}`;
    await inbox({ status: "pending", receivedAt: ago(900), availableAt: ago(-60), orderingKey: order });
    await inbox({ status: "pending", receivedAt: ago(800), availableAt: ago(800), orderingKey: order });
    expect(await inboxLagSeconds(db)).toBeLessThan(30);

    await inbox({ status: "pending", receivedAt: ago(120), availableAt: ago(120) });
    expect(await inboxLagSeconds(db)).toBeGreaterThanOrEqual(119);
    expect(await inboxLagSeconds(db)).toBeLessThan(150);
  });

  it("lists dead letters by class and dry-runs a replay without writing", async () => {
    const admin = callerFor(await createUser(["admin"]));
    const valid = await inbox({ status: "dead", failureClass: "downstream", lastError: "city QZX unknown" });
    const broken = await inbox({
      status: "dead",
      failureClass: "schema",
      lastError: "severity: invalid",
      data: { ...safetyIncident(), severity: "apocalyptic" },
    });
    const routed = await inbox({ status: "routed" });

    // An unrouted row shows the reason it was kept unrouted, where a dead one shows its error.
    const unrouted = await inbox({ status: "unrouted" });
    const why = "no ticket for order ord-1";
    await db.inboundEvent.update({ where: { seq: unrouted.seq }, data: { decision: { rule: "r", why } } });
    const kept = await admin.hub.deadLetters({ source: SOURCE, status: "unrouted" });
    expect(kept.rows.find((row) => row.receiptId === unrouted.receiptId)?.lastError).toBe(why);

    const { rows } = await admin.hub.deadLetters({ source: SOURCE, failureClass: "schema" });
    expect(rows.map((row) => row.receiptId)).toContain(broken.receiptId);
    expect(rows.map((row) => row.receiptId)).not.toContain(valid.receiptId);
    expect(rows.find((row) => row.receiptId === broken.receiptId)).toMatchObject({
      lastError: "severity: invalid",
      failureClass: "schema",
    });

    const plan = await admin.hub.dryRun({
      receiptIds: [valid.receiptId, broken.receiptId, routed.receiptId],
    });
    expect(plan.skipped).toEqual([routed.receiptId]);
    const [first, second] = plan.rows;
    expect(first).toMatchObject({ receiptId: valid.receiptId, outcome: "route", problem: null });
    expect(first!.rule).toBeTruthy();
    expect(first!.effects.map((effect) => effect.kind)).toContain("ticket");
    expect(second).toMatchObject({
      receiptId: broken.receiptId,
      outcome: "invalid",
      failureClass: "mapping",
    });
    expect(second!.problem).toContain("severity");
    expect(await statusOf(valid.receiptId)).toBe("dead");
    expect(await eventsOf(valid.receiptId, "InboundEventReplayed")).toHaveLength(0);
  });

  it("dry-runs a replay counting the replayed event itself, as the replay will (a signal at the threshold)", async () => {
    const admin = callerFor(await createUser(["admin"]));
    const courier = `courier-${randomUUID()}`;
    const failedAt = new Date(Date.now() - 3_600_000);
    const failure = (n: number) => ({
      orderId: `ord-${randomUUID()}`,
      courierId: courier,
      cityCode: "TYO",
      reason: "address_not_found",
      failedAt: new Date(failedAt.getTime() + n * 60_000).toISOString(),
    });
    // The courier's earlier failures, processed: one fewer than the threshold.
    for (let n = 1; n < REPEAT_THRESHOLD; n++) {
      const data = failure(n);
      await db.inboundEvent.create({
        data: {
          source: SOURCE,
          eventId: randomUUID(),
          type: "DeliveryFailed",
          data,
          orderingKey: `order:${data.orderId}`,
          receivedVia: "bearer:test",
          status: "routed",
          normalised: { subjects: { courier } },
          occurredAt: new Date(data.failedAt),
        },
      });
    }
    const dead = await inbox({
      status: "dead",
      type: "DeliveryFailed",
      data: failure(REPEAT_THRESHOLD),
      failureClass: "downstream",
      lastError: "risk ingest unavailable",
    });

    const [plan] = (await admin.hub.dryRun({ receiptIds: [dead.receiptId] })).rows;
    expect(plan!.effects.map((effect) => effect.kind)).toContain("risk_signal");
    expect(plan!.why).toContain(`${REPEAT_THRESHOLD} failures by the courier`);
  });

  it("replays dead rows to pending with an audited event each, and skips what is not dead", async () => {
    const user = await createUser(["admin"]);
    const admin = callerFor(user);
    const dead = await inbox({ status: "dead", failureClass: "downstream", lastError: "city QZX unknown" });
    const routed = await inbox({ status: "routed" });

    const result = await admin.hub.replay({ receiptIds: [dead.receiptId, routed.receiptId, randomUUID()] });
    expect(result.replayed).toBe(1);
    expect(result.skipped).toHaveLength(2);
    const row = await db.inboundEvent.findFirstOrThrow({ where: { receiptId: dead.receiptId } });
    expect(row).toMatchObject({ status: "pending", attempts: 0, failureClass: null, lastError: null });
    const [event] = await eventsOf(dead.receiptId, "InboundEventReplayed");
    expect(event).toMatchObject({ actorType: "user", actorId: user.id });
    expect(event!.payload).toMatchObject({ previousStatus: "dead", lastError: "city QZX unknown" });
    const audit = await db.auditLog.findFirst({ where: { entityId: dead.receiptId } });
    expect(audit?.action).toBe("InboundEventReplayed");

    // Replayed again: no longer dead, so nothing happens and nothing is recorded.
    expect((await admin.hub.replay({ receiptIds: [dead.receiptId] })).replayed).toBe(0);
    expect(await eventsOf(dead.receiptId, "InboundEventReplayed")).toHaveLength(1);
  });

  it("limits each admin's replays per minute", async () => {
    const admin = callerFor(await createUser(["admin"]));
    const rows = [];
    for (let i = 0; i < REPLAY_ROWS_PER_MINUTE + 1; i++) rows.push(await inbox({ status: "dead" }));
    const ids = rows.map((row) => row.receiptId);
    for (let start = 0; start < REPLAY_ROWS_PER_MINUTE; start += 50) {
      await admin.hub.replay({ receiptIds: ids.slice(start, start + 50) });
    }
    await expect(admin.hub.replay({ receiptIds: ids.slice(-1) })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect(await statusOf(ids.at(-1)!)).toBe("dead");
    // Another admin has a quota of their own.
    const other = callerFor(await createUser(["admin"]));
    expect((await other.hub.replay({ receiptIds: ids.slice(-1) })).replayed).toBe(1);
  });

  it("refuses more rows per call than the batch limit, naming the field", async () => {
    const admin = callerFor(await createUser(["admin"]));
    const ids = Array.from({ length: 51 }, () => randomUUID());
    await expect(admin.hub.replay({ receiptIds: ids })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("holds a paused source's events and releases them in receive order on resume", async () => {
    const admin = callerFor(await createUser(["admin"]));
    const waiting = await inbox({ status: "pending", availableAt: new Date(Date.now() - 1_000) });
    const leased = await inbox({ status: "pending", availableAt: new Date(Date.now() + 60_000) });
    const other = await inbox({
      status: "pending",
      source: "consumer_experience",
      type: "OrderStatusUpdated",
    });

    const paused = await admin.hub.pause({ source: SOURCE });
    expect(paused).toMatchObject({ status: "paused", changed: true });
    expect(paused.rows).toBeGreaterThanOrEqual(1);
    expect(await statusOf(waiting.receiptId)).toBe("held");
    expect(await statusOf(leased.receiptId)).toBe("pending");
    expect(await statusOf(other.receiptId)).toBe("pending");
    expect((await admin.hub.pause({ source: SOURCE })).changed).toBe(false);
    expect(await eventsOf(SOURCE, "EventSourcePaused")).toHaveLength(1);

    // A replay while paused is held too.
    const dead = await inbox({ status: "dead" });
    await admin.hub.replay({ receiptIds: [dead.receiptId] });
    expect(await statusOf(dead.receiptId)).toBe("held");
    expect((await admin.hub.overview()).sources.find((s) => s.key === SOURCE)?.status).toBe("paused");

    const resumed = await admin.hub.resume({ source: SOURCE });
    expect(resumed).toMatchObject({ status: "active", changed: true });
    const released = await db.inboundEvent.findMany({
      where: { receiptId: { in: [waiting.receiptId, dead.receiptId] } },
      orderBy: { seq: "asc" },
    });
    expect(released.map((row) => [row.receiptId, row.status])).toEqual([
      [waiting.receiptId, "pending"],
      [dead.receiptId, "pending"],
    ]);
    expect(await eventsOf(SOURCE, "EventSourceResumed")).toHaveLength(1);
  });

  it("never processes a paused source's rows, and sets right what the edge stored from a stale copy", async () => {
    const admin = callerFor(await createUser(["admin"]));
    await admin.hub.pause({ source: SOURCE });
    // The edge's copy of the sources is up to 5 s old: an event can arrive pending just after the pause ...
    const late = await inbox({ status: "pending", availableAt: new Date(Date.now() - 1_000) });
    const claimed = await claimInbound(db, 500, 60_000);
    expect(claimed.map((row) => row.receiptId)).not.toContain(late.receiptId);
    await releaseClaims(claimed);
    expect(await settleHolds(db)).toBeGreaterThanOrEqual(1);
    expect(await statusOf(late.receiptId)).toBe("held");

    await admin.hub.resume({ source: SOURCE });
    // ... or held just after the resume, where nothing would ever release it.
    const stale = await inbox({ status: "held" });
    expect(await settleHolds(db)).toBeGreaterThanOrEqual(1);
    expect(await statusOf(stale.receiptId)).toBe("pending");
    expect(await settleHolds(db)).toBe(0);
  });

  it("keeps a replayed event from running beside a newer event of its order that is in hand", async () => {
    const admin = callerFor(await createUser(["admin"]));
    const order = `order:${randomUUID()}`;
    const dead = await inbox({ status: "dead", orderingKey: order, failureClass: "downstream" });
    const leaseEnds = new Date(Date.now() + 60_000);
    await inbox({ status: "pending", orderingKey: order, availableAt: leaseEnds });
    const alone = await inbox({ status: "dead", failureClass: "downstream" });

    await admin.hub.replay({ receiptIds: [dead.receiptId, alone.receiptId] });
    const replayed = await db.inboundEvent.findFirstOrThrow({ where: { receiptId: dead.receiptId } });
    expect(replayed.status).toBe("pending");
    // Due when the newer event's lease ends, not before: then it goes first, as the earlier of the two.
    expect(replayed.availableAt.getTime()).toBe(leaseEnds.getTime());
    const other = await db.inboundEvent.findFirstOrThrow({ where: { receiptId: alone.receiptId } });
    expect(other.availableAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("rotates a secret with an overlap in which both verify, shown once and never audited", async () => {
    const admin = callerFor(await createUser(["admin"]));
    const key = "integration_contract";
    const before = await activeSecrets(db, key, new Date());
    const rotated = await admin.hub.rotateSecret({ source: key, overlapHours: 2 });
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);

    const during = await activeSecrets(db, key, new Date());
    expect(during.map((row) => row.id)).toEqual([rotated.secretId, ...before.map((row) => row.id)]);
    const after = await activeSecrets(db, key, new Date(Date.now() + 2 * 3_600_000 + 1_000));
    expect(after.map((row) => row.id)).toEqual([rotated.secretId]);

    const [event] = await eventsOf(key, "EventSourceSecretRotated");
    expect(JSON.stringify(event?.payload)).not.toContain(rotated.secret);
    expect(event?.payload).toMatchObject({ secretId: rotated.secretId, overlapHours: 2 });
  });

  it("marks a source silent after its limit without events, paging the admins, and resumed when one arrives", async () => {
    const key = "restaurant_operations";
    const onCallAdmin = await createUser(["admin"]);
    await db.eventSource.update({ where: { key }, data: { silenceAfterSeconds: 600, silentSince: null } });
    // The job runs two hours ahead, so whatever other tests sent from this source is long past its limit.
    const later = new Date(Date.now() + 2 * 3_600_000);
    const job = () => checkSourceSilence(db, systemContext("hub-test", { clock: fixedClock(later) }));

    expect((await job()).silent).toContain(key);
    expect((await job()).silent).not.toContain(key);
    const [silent] = await eventsOf(key, "InboundSourceSilent");
    expect(silent?.actorType).toBe("system");
    // An operations alert: the on-call consumer pages by the hub.source_silent policy (built in: the admins).
    await drain("oncall.event-sources");
    const pages = () => db.escalation.findMany({ where: { objectType: "event_source", objectId: key } });
    const [page] = await pages();
    // One level: paged at once, then live ("exhausted") until acknowledged or resolved.
    expect(page).toMatchObject({ status: "exhausted", path: "/admin/hub" });
    expect(page!.triggerKey).toMatch(/^hub.source_silent:restaurant_operations:/);
    const [firstStep] = await db.domainEvent.findMany({
      where: { aggregateId: page!.id, type: "EscalationStepDue" },
    });
    expect(JSON.stringify(firstStep?.payload)).toContain(onCallAdmin.id);

    await inbox({ status: "pending", source: key, type: "KitchenOverloaded", receivedAt: later });
    expect((await job()).resumed).toContain(key);
    const source = await db.eventSource.findUniqueOrThrow({ where: { key } });
    expect(source.silentSince).toBeNull();
    expect(await eventsOf(key, "InboundSourceResumed")).toHaveLength(1);
    await drain("oncall.event-sources");
    expect((await pages()).map((row) => row.status)).toEqual(["resolved"]);
    const view = await hubOverview(db, userContext(await createUser(["admin"]), "hub-test"));
    expect(view.sources.find((s) => s.key === key)?.silentSince).toBeNull();
  });

  it("is for admins only", async () => {
    const agent = callerFor(await createUser(["support_agent"]));
    await expect(agent.hub.overview()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(agent.hub.pause({ source: SOURCE })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
