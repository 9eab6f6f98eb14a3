import { describe, expect, it } from "vitest";
import type { Db } from "../db/client.ts";
import { systemContext } from "../lib/service-context.ts";
import { withSetWisePart } from "./batch-handler.ts";
import type { DeliveredEvent, EventHandler } from "./delivered-event.ts";

const event = (id: string, type: DeliveredEvent["type"]): DeliveredEvent => ({
  id,
  seq: 1n,
  type,
  aggregateType: "ticket",
  aggregateId: id,
  payload: {},
  occurredAt: new Date(0),
  correlationId: id,
});

// The handlers here never touch the database they are handed.
const db = {} as Db;
const contextOf = () => systemContext("test");

describe("withSetWisePart", () => {
  it("hands the taken events over together, the rest and the handed-back ones one by one, notes in input order", async () => {
    const perEvent: string[] = [];
    const batches: string[][] = [];
    const alone: EventHandler = async (_db, _context, e) => {
      perEvent.push(e.id);
      return `alone ${e.id}`;
    };
    const handler = withSetWisePart(alone, {
      takes: (e) => e.type === "TicketCreated",
      batch: async (_db, _contextOf, events) => {
        batches.push(events.map((e) => e.id));
        return events.map((e) => (e.id === "b" ? null : `set-wise ${e.id}`));
      },
    });
    const events = [
      event("a", "TicketCreated"),
      event("x", "TicketResolved"),
      event("b", "TicketCreated"),
      event("c", "TicketCreated"),
    ];
    expect(await handler.batch(db, contextOf, events)).toEqual([
      "set-wise a",
      "alone x",
      "alone b",
      "set-wise c",
    ]);
    expect(batches).toEqual([["a", "b", "c"]]);
    expect(perEvent).toEqual(["x", "b"]);
  });

  it("skips the set-wise call when it takes nothing", async () => {
    let called = false;
    const handler = withSetWisePart(async () => "alone", {
      takes: () => false,
      batch: async () => {
        called = true;
        return [];
      },
    });
    expect(await handler.batch(db, contextOf, [event("a", "TicketResolved")])).toEqual(["alone"]);
    expect(called).toBe(false);
  });
});
