import pg from "pg";
import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { EVENTS_CHANNEL, recordEvent, recordEvents } from "../../server/events/record.ts";
import type { EventContext } from "../../server/events/types.ts";
import { createUser } from "../support/fixtures.ts";

const context = (actorId: string): EventContext => ({
  actor: { type: "user", id: actorId },
  correlationId: `corr-${Date.now()}`,
  causationId: "cause-1",
});

/** A LISTEN connection on the events channel; `heard` collects the raw NOTIFY payloads as they arrive. */
async function listen() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const heard: string[] = [];
  client.on("notification", (message) => heard.push(message.payload ?? ""));
  await client.query(`LISTEN ${EVENTS_CHANNEL}`);
  return { heard, end: () => client.end() };
}

describe("recordEvent", () => {
  it("writes the event and its audit entry with the state change, in one transaction", async () => {
    const db = getDb();
    const user = await createUser(["admin"]);
    const ctx = context(user.id);
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { locale: "ja" } });
      await recordEvent(tx, ctx, {
        type: "TicketUpdated",
        aggregateType: "user",
        aggregateId: user.id,
        payload: { locale: "ja" },
      });
    });
    const event = await db.domainEvent.findFirstOrThrow({ where: { aggregateId: user.id } });
    expect(event).toMatchObject({
      type: "TicketUpdated",
      actorType: "user",
      actorId: user.id,
      causationId: "cause-1",
    });
    expect(event.correlationId).toBe(ctx.correlationId);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: user.id } });
    expect(audit).toMatchObject({
      action: "TicketUpdated",
      eventId: event.id,
      correlationId: ctx.correlationId,
    });
  });

  it("leaves neither event nor audit entry when the state change fails", async () => {
    const db = getDb();
    const user = await createUser(["admin"]);
    await expect(
      db.$transaction(async (tx) => {
        await recordEvent(tx, context(user.id), {
          type: "TicketUpdated",
          aggregateType: "user",
          aggregateId: user.id,
          payload: {},
        });
        await tx.user.create({ data: { email: user.email, name: "duplicate", passwordHash: "x" } });
      }),
    ).rejects.toThrow();
    expect(await db.domainEvent.count({ where: { aggregateId: user.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { entityId: user.id } })).toBe(0);
  });

  it("notifies listeners on commit only", async () => {
    const db = getDb();
    const user = await createUser(["admin"]);
    const listener = await listen();
    const { heard } = listener;
    try {
      await db
        .$transaction(async (tx) => {
          await recordEvent(tx, context(user.id), {
            type: "TicketUpdated",
            aggregateType: "user",
            aggregateId: "rolled-back",
            payload: {},
          });
          throw new Error("abort");
        })
        .catch(() => undefined);
      await db.$transaction((tx) =>
        recordEvent(tx, context(user.id), {
          type: "TicketCreated",
          aggregateType: "ticket",
          aggregateId: user.id,
          payload: {},
        }),
      );
      await expect.poll(() => heard.length).toBe(1);
      expect(JSON.parse(heard[0] ?? "{}")).toMatchObject({ type: "TicketCreated", aggregateId: user.id });
    } finally {
      await listener.end();
    }
  });
});

describe("recordEvents", () => {
  const batch = (aggregateId: string) =>
    [
      { type: "RiskDetected", aggregateType: "risk_case", aggregateId, payload: { score: 40 } },
      { type: "IndicatorUpdated", aggregateType: "city", aggregateId, payload: { points: [1, 2] } },
      {
        type: "TicketUpdated",
        aggregateType: "ticket",
        aggregateId,
        payload: { title: "after" },
        auditAction: "TicketRetitled",
        auditDetails: { before: "before", after: "after" },
      },
    ] as const;

  it("writes every event with its audit entry and notifies each one on commit, in input order", async () => {
    const db = getDb();
    const user = await createUser(["admin"]);
    const ctx = context(user.id);
    const inputs = batch(user.id);
    const listener = await listen();
    try {
      const recorded = await db.$transaction((tx) => recordEvents(tx, ctx, inputs));

      const events = await db.domainEvent.findMany({
        where: { aggregateId: user.id },
        orderBy: { seq: "asc" },
      });
      expect(recorded).toEqual(events.map((event) => ({ id: event.id, seq: event.seq })));
      expect(events.map(({ type, aggregateType, payload }) => ({ type, aggregateType, payload }))).toEqual(
        inputs.map(({ type, aggregateType, payload }) => ({ type, aggregateType, payload })),
      );
      for (const event of events) {
        expect(event).toMatchObject({ actorType: "user", actorId: user.id, causationId: "cause-1" });
        expect(event.correlationId).toBe(ctx.correlationId);
      }

      const audits = await db.auditLog.findMany({ where: { entityId: user.id }, orderBy: { seq: "asc" } });
      expect(
        audits.map(({ action, entityType, eventId, details }) => ({ action, entityType, eventId, details })),
      ).toEqual([
        { action: "RiskDetected", entityType: "risk_case", eventId: events[0]?.id, details: { score: 40 } },
        {
          action: "IndicatorUpdated",
          entityType: "city",
          eventId: events[1]?.id,
          details: { points: [1, 2] },
        },
        {
          action: "TicketRetitled",
          entityType: "ticket",
          eventId: events[2]?.id,
          details: { before: "before", after: "after" },
        },
      ]);
      for (const [i, audit] of audits.entries()) {
        expect(audit).toMatchObject({
          actorType: "user",
          actorId: user.id,
          correlationId: ctx.correlationId,
        });
        expect(audit.occurredAt).toEqual(events[i]?.occurredAt);
      }

      // The payload event-hub parses: seq as a string, and nothing else.
      await expect.poll(() => listener.heard.length).toBe(inputs.length);
      expect(listener.heard.map((notice) => JSON.parse(notice) as unknown)).toEqual(
        events.map((event) => ({
          seq: event.seq.toString(),
          type: event.type,
          aggregateType: event.aggregateType,
          aggregateId: user.id,
        })),
      );
    } finally {
      await listener.end();
    }
  });

  it("leaves no event, audit entry or notification when the transaction fails", async () => {
    const db = getDb();
    const user = await createUser(["admin"]);
    const listener = await listen();
    try {
      await expect(
        db.$transaction(async (tx) => {
          await recordEvents(tx, context(user.id), batch(user.id));
          await tx.user.create({ data: { email: user.email, name: "duplicate", passwordHash: "x" } });
        }),
      ).rejects.toThrow();
      expect(await db.domainEvent.count({ where: { aggregateId: user.id } })).toBe(0);
      expect(await db.auditLog.count({ where: { entityId: user.id } })).toBe(0);

      // A committed marker arrives after anything the failed transaction could have sent.
      await db.$transaction((tx) =>
        recordEvents(tx, context(user.id), [
          { type: "TicketCreated", aggregateType: "ticket", aggregateId: "marker", payload: {} },
        ]),
      );
      await expect.poll(() => listener.heard.length).toBeGreaterThan(0);
      expect(
        listener.heard.map((notice) => (JSON.parse(notice) as { aggregateId: string }).aggregateId),
      ).toEqual(["marker"]);
    } finally {
      await listener.end();
    }
  });

  it("writes nothing for an empty batch", async () => {
    await expect(getDb().$transaction((tx) => recordEvents(tx, context("nobody"), []))).resolves.toEqual([]);
  });
});
