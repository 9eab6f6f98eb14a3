import { describe, expect, it } from "vitest";
import { chunkPlan, nextStep, parsePending, resolvePending, type PendingChunk } from "./chunks.ts";

const pending: PendingChunk = {
  chunkId: "0193a000-0000-7000-8000-000000000001",
  day: "2026-12-06",
  family: "tickets",
  cutoff: "2024-12-06T00:00:00.000Z",
  rows: { Ticket: 2, TicketComment: 3 },
  sizesBefore: { Ticket: 0, TicketComment: 4096 },
};

describe("chunk planning", () => {
  it("defaults to 1,000 rows a chunk and refuses sizes that would hold locks long or do nothing", () => {
    expect(chunkPlan()).toEqual({ chunkSize: 1000, maxChunks: 500 });
    expect(chunkPlan({ chunkSize: 2, maxChunks: 3 })).toEqual({ chunkSize: 2, maxChunks: 3 });
    expect(() => chunkPlan({ chunkSize: 0 })).toThrow(/chunkSize/);
    expect(() => chunkPlan({ chunkSize: 10_001 })).toThrow(/chunkSize/);
    expect(() => chunkPlan({ maxChunks: 0 })).toThrow(/maxChunks/);
  });

  it("goes on while chunks come back full, moves on after a short one and stops at the run's limit", () => {
    const plan = chunkPlan({ chunkSize: 10, maxChunks: 3 });
    expect(nextStep(plan, 10, 1)).toBe("same");
    expect(nextStep(plan, 4, 2)).toBe("next-family");
    expect(nextStep(plan, 0, 2)).toBe("next-family");
    expect(nextStep(plan, 10, 3)).toBe("stop");
  });
});

describe("a pending chunk", () => {
  it("joins the manifest when its delete committed", () => {
    expect(resolvePending(pending, true)).toEqual({
      kind: "accept",
      day: "2026-12-06",
      chunk: { chunkId: pending.chunkId, family: "tickets", cutoff: pending.cutoff, rows: pending.rows },
    });
  });

  it("is cut off its files when its delete did not commit", () => {
    expect(resolvePending(pending, false)).toEqual({
      kind: "discard",
      day: "2026-12-06",
      truncate: [
        { table: "Ticket", size: 0 },
        { table: "TicketComment", size: 4096 },
      ],
    });
  });

  it("reads back from its journal", () => {
    expect(parsePending(JSON.stringify(pending))).toEqual(pending);
    expect(() => parsePending(JSON.stringify({ ...pending, sizesBefore: { Nope: 1 } }))).toThrow();
  });
});
