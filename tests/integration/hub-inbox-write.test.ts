import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { uuid7 } from "../../server/events/uuid7.ts";
import {
  inboxPool,
  insertInboundEvents as insertAt,
  type NewInboundEvent,
} from "../../server/hub/inbox-repository.ts";
import { setDatabaseTimeZone } from "../support/databases.ts";

// The inbox's two statements on real PostgreSQL: new events go in by COPY, a group holding a re-send by the
// INSERT. Both store every value as sent (COPY's text format escapes tabs, line breaks and backslashes), in UTC
// whatever the server's time zone, and a failed COPY leaves nothing behind and the pool usable.

const RUN = `w${randomUUID().slice(0, 8)}`;
let pool: pg.Pool;

// The writer's clock: after a re-send the INSERT alone takes the writes for a while, so each test starts later.
let clock = 0;
const insertInboundEvents = (on: pg.Pool, events: readonly NewInboundEvent[]) =>
  insertAt(on, events, () => clock);
const later = () => (clock += 60_000);

const AWKWARD = 'tab\there, line\nbreak\r\n, back\\slash \\t \\N, "quotes", 絵文字 🍣, \\. alone:\n\\.';

function event(id: string, overrides: Partial<NewInboundEvent> = {}): NewInboundEvent {
  return {
    receiptId: uuid7(),
    source: "consumer_experience",
    eventId: `${RUN}-${id}`,
    type: "OrderCancellationRequested",
    dataVersion: 1,
    subject: `order/${AWKWARD}`,
    // Sub-millisecond digits, which PostgreSQL rounds up into the next second.
    time: "2026-12-07T09:30:59.9996+09:00",
    data: { orderId: `ord_${id}`, comment: AWKWARD, nested: { list: [1, null, "\\u0041"] }, yen: 1_980 },
    orderingKey: `order:ord_${id}`,
    receivedVia: "bearer:test-client",
    status: "pending",
    failureClass: null,
    lastError: null,
    traceparent: null,
    ...overrides,
  };
}

const STORED_COLUMNS = `source, "eventId", type, "dataVersion", subject, time::text AS time, data, "orderingKey", "receivedVia",
  status, "failureClass", "lastError", traceparent`;

async function stored(eventIds: string[]) {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT "receiptId"::text, ${STORED_COLUMNS}, data::text AS "dataText",
            extract(epoch FROM (now() AT TIME ZONE 'UTC') - "receivedAt") AS "receivedAgo",
            extract(epoch FROM (now() AT TIME ZONE 'UTC') - "availableAt") AS "availableAgo"
       FROM "InboundEvent" WHERE "eventId" = ANY($1) ORDER BY seq`,
    [eventIds],
  );
  return rows;
}

beforeAll(async () => {
  await setDatabaseTimeZone(process.env.DATABASE_URL!, "Asia/Tokyo");
  pool = inboxPool(process.env.DATABASE_URL!, "inbox-write-test");
});

afterAll(async () => {
  await pool.end();
  await setDatabaseTimeZone(process.env.DATABASE_URL!, null);
});

describe("insertInboundEvents", () => {
  beforeEach(later);

  it("stores new events by COPY with every value as sent, times in UTC, received now", async () => {
    const events = [
      event("copy-1"),
      event("copy-2", {
        time: null,
        subject: null,
        data: null,
        status: "dead",
        failureClass: "schema",
        lastError: "data.orderId: required\ndata.reason: must be one of …",
        traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      }),
    ];
    const receipts = await insertInboundEvents(pool, events);
    expect(receipts).toEqual(events.map((e) => ({ receiptId: e.receiptId, duplicate: false })));

    const [first, second] = await stored(events.map((e) => e.eventId));
    expect(first).toMatchObject({
      receiptId: events[0]!.receiptId,
      eventId: `${RUN}-copy-1`,
      subject: `order/${AWKWARD}`,
      time: "2026-12-07 00:31:00",
      data: events[0]!.data,
      lastError: null,
      traceparent: null,
    });
    expect(second).toMatchObject({
      time: null,
      subject: null,
      data: null,
      status: "dead",
      failureClass: "schema",
      lastError: events[1]!.lastError,
      traceparent: events[1]!.traceparent,
    });
    for (const row of [first!, second!]) {
      expect(Number(row.receivedAgo)).toBeGreaterThanOrEqual(0);
      expect(Number(row.receivedAgo)).toBeLessThan(10);
      expect(Number(row.availableAgo)).toBeLessThan(10);
    }
  });

  it("stores a group holding a re-send by the INSERT: the same values, the first receipt for the re-send", async () => {
    const original = event("again-1");
    await insertInboundEvents(pool, [original]);
    const fresh = [event("again-2"), event("again-3", { time: "2026-12-07T00:30:59.9996Z" })];
    const resent = { ...original, receiptId: uuid7() };

    const receipts = await insertInboundEvents(pool, [fresh[0]!, resent, fresh[1]!, resent]);
    expect(receipts).toEqual([
      { receiptId: fresh[0]!.receiptId, duplicate: false },
      { receiptId: original.receiptId, duplicate: true },
      { receiptId: fresh[1]!.receiptId, duplicate: false },
      { receiptId: original.receiptId, duplicate: true },
    ]);

    const rows = await stored([original, ...fresh].map((e) => e.eventId));
    expect(rows).toHaveLength(3);
    // Apart from what names the event, a row the INSERT stored reads back as the one COPY stored.
    const sameness = (row: Record<string, unknown>) => {
      const { comment, nested } = row.data as Record<string, unknown>;
      const { source, type, dataVersion, subject, time, receivedVia, status, failureClass, lastError } = row;
      return {
        comment,
        nested,
        source,
        type,
        dataVersion,
        subject,
        time,
        receivedVia,
        status,
        failureClass,
        lastError,
      };
    };
    for (const row of rows.slice(1)) expect(sameness(row)).toEqual(sameness(rows[0]!));
    expect(Number(rows[1]!.receivedAgo)).toBeLessThan(10);
    // Each payload's text as JSON.stringify wrote it, its keys in their order, by either statement.
    expect(rows.map((row) => row.dataText)).toEqual([original, ...fresh].map((e) => JSON.stringify(e.data)));
  });

  it("refuses a value PostgreSQL cannot store with its class 22 error, writing nothing, and the pool goes on", async () => {
    const bad = [event("nul-1"), event("nul-2", { subject: "order/\u0000" })];
    await expect(insertInboundEvents(pool, bad)).rejects.toMatchObject({
      code: expect.stringMatching(/^22/),
    });
    expect(await stored(bad.map((e) => e.eventId))).toEqual([]);

    // Every connection of the pool still answers, and the next COPY stores.
    const answers = await Promise.all(Array.from({ length: 16 }, () => pool.query("SELECT 1 AS one")));
    expect(answers.map((answer) => answer.rows[0].one)).toEqual(Array(16).fill(1));
    const after = event("nul-after");
    expect(await insertInboundEvents(pool, [after])).toEqual([
      { receiptId: after.receiptId, duplicate: false },
    ]);
  });

  it("answers a new event sent twice in one call, or by two calls at once, with one row and the first receipt", async () => {
    const twice = event("twice");
    const receipts = await insertInboundEvents(pool, [twice, { ...twice, receiptId: uuid7() }]);
    expect(receipts).toEqual([
      { receiptId: twice.receiptId, duplicate: false },
      { receiptId: twice.receiptId, duplicate: true },
    ]);

    later();
    const racing = event("racing");
    const answers = await Promise.all(
      [racing, { ...racing, receiptId: uuid7() }].map((copy) =>
        insertInboundEvents(pool, [copy, event(`racing-${copy.receiptId}`)]),
      ),
    );
    const first = answers.map((answer) => answer[0]!);
    expect(first.map((receipt) => receipt.duplicate).sort()).toEqual([false, true]);
    expect(new Set(first.map((receipt) => receipt.receiptId)).size).toBe(1);
    expect(await stored([twice.eventId, racing.eventId])).toHaveLength(2);
  });

  it("after a re-send lets the INSERT take the writes for a while, then goes back to COPY", async () => {
    const original = event("storm-0");
    await insertInboundEvents(pool, [original]);
    const query = vi.spyOn(pool, "query");
    const insertsBy = () => query.mock.calls.filter(([sql]) => String(sql).includes("INSERT INTO")).length;
    try {
      await insertInboundEvents(pool, [event("storm-1"), { ...original, receiptId: uuid7() }]);
      expect(insertsBy()).toBe(1);
      clock += 5_000;
      await insertInboundEvents(pool, [event("storm-2")]);
      expect(insertsBy()).toBe(2);
      clock += 6_000;
      await insertInboundEvents(pool, [event("storm-3")]);
      expect(insertsBy()).toBe(2);
    } finally {
      query.mockRestore();
    }
    expect(
      await stored(["storm-0", "storm-1", "storm-2", "storm-3"].map((id) => `${RUN}-${id}`)),
    ).toHaveLength(4);
  });

  it("fails only the write whose connection is lost mid-COPY: nothing stored, no uncaught error, the pool goes on", async () => {
    const lost = event("lost");
    pool.once("acquire", (client) => {
      const { connection } = client as unknown as { connection: { stream: Socket } };
      setImmediate(() => connection.stream.destroy());
    });
    await expect(insertInboundEvents(pool, [lost])).rejects.toThrow(/terminated/i);
    expect(await stored([lost.eventId])).toEqual([]);
    const again = event("lost-again");
    expect(await insertInboundEvents(pool, [again])).toEqual([
      { receiptId: again.receiptId, duplicate: false },
    ]);
  });
});
