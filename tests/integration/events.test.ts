import pg from "pg";
import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { EVENTS_CHANNEL, recordEvent } from "../../server/events/record.ts";
import type { EventContext } from "../../server/events/types.ts";
import { createUser } from "../support/fixtures.ts";

const context = (actorId: string): EventContext => ({
  actor: { type: "user", id: actorId },
  correlationId: `corr-${Date.now()}`,
  causationId: "cause-1",
});

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
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (message) => heard.push(message.payload ?? ""));
    await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
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
