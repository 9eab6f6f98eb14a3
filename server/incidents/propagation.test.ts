import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { IncidentRow } from "./incident-repository.ts";
import { resolutionNote, ticketBatchEvents, ticketBatches } from "./propagation.ts";

const incident = {
  id: randomUUID(),
  number: 7,
  title: "Osaka restaurant",
  priority: "P2",
  state: "resolved",
  version: 3,
  cityId: null,
  commanderId: null,
} as IncidentRow;

describe("propagation to linked tickets", () => {
  it("cuts the tickets into batches of the given size, each id once, non-ids left out", () => {
    const ids = Array.from({ length: 5 }, () => randomUUID());
    const batches = ticketBatches([...ids, ids[0]!, "manual-ticket-ref"], 2);
    expect(batches).toEqual([[ids[0], ids[1]], [ids[2], ids[3]], [ids[4]]]);
    expect(ticketBatches([], 2)).toEqual([]);
  });

  it("records one event per batch, numbered, with the action and text, and a short audit", () => {
    const ids = Array.from({ length: 450 }, () => randomUUID());
    const events = ticketBatchEvents(incident, "public_reply", "We are on it", ids);
    expect(events.map((e) => (e.payload as { batch: number }).batch)).toEqual([1, 2, 3]);
    expect(events.flatMap((e) => (e.payload as { ticketIds: string[] }).ticketIds)).toEqual(ids);
    expect(events[2]?.payload).toMatchObject({
      action: "public_reply",
      body: "We are on it",
      batches: 3,
      incidentId: incident.id,
      number: 7,
    });
    expect(events[2]?.auditDetails).toEqual({ action: "public_reply", batch: 3, batches: 3, tickets: 50 });
    expect(ticketBatchEvents(incident, "resolve", "x", [])).toEqual([]);
  });

  it("gives the requesters a bilingual resolution note unless the commander wrote one", () => {
    expect(resolutionNote(7, undefined)).toContain("incident #7");
    expect(resolutionNote(7, undefined)).toContain("インシデント #7");
    expect(resolutionNote(7, "Fixed: the kitchen is back")).toBe("Fixed: the kitchen is back");
  });
});
