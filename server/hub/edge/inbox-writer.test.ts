import { describe, expect, it } from "vitest";
import type { InboxReceipt, NewInboundEvent } from "../inbox-repository.ts";
import { InboxWriter } from "./inbox-writer.ts";

const row = (eventId: string) => ({ eventId, source: "s" }) as NewInboundEvent;
const receiptsFor = (rows: readonly NewInboundEvent[]): InboxReceipt[] =>
  rows.map((r) => ({ receiptId: `r-${r.eventId}`, duplicate: false }));

describe("InboxWriter", () => {
  it("writes requests arriving together in one statement and answers each its own receipts", async () => {
    const statements: string[][] = [];
    const writer = new InboxWriter(
      async (rows) => {
        statements.push(rows.map((r) => r.eventId));
        return receiptsFor(rows);
      },
      { maxRows: 100, maxWaitMs: 5, maxConcurrent: 2 },
    );
    const answers = await Promise.all([writer.write([row("a")]), writer.write([row("b"), row("c")])]);
    expect(statements).toEqual([["a", "b", "c"]]);
    expect(answers).toEqual([
      [{ receiptId: "r-a", duplicate: false }],
      [
        { receiptId: "r-b", duplicate: false },
        { receiptId: "r-c", duplicate: false },
      ],
    ]);
  });

  it("sends at once when maxRows is reached, never splitting a request", async () => {
    const statements: string[][] = [];
    const writer = new InboxWriter(
      async (rows) => {
        statements.push(rows.map((r) => r.eventId));
        return receiptsFor(rows);
      },
      { maxRows: 2, maxWaitMs: 1_000, maxConcurrent: 1 },
    );
    await Promise.all([writer.write([row("a"), row("b"), row("c")]), writer.write([row("d"), row("e")])]);
    expect(statements).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
  });

  it("retries each request alone when a shared statement fails, so only the bad one fails", async () => {
    const writer = new InboxWriter(
      async (rows) => {
        if (rows.some((r) => r.eventId === "bad")) throw new Error("unstorable");
        return receiptsFor(rows);
      },
      { maxRows: 100, maxWaitMs: 5, maxConcurrent: 1 },
    );
    const [good, bad] = await Promise.allSettled([writer.write([row("ok")]), writer.write([row("bad")])]);
    expect(good).toEqual({ status: "fulfilled", value: [{ receiptId: "r-ok", duplicate: false }] });
    expect(bad).toMatchObject({ status: "rejected", reason: new Error("unstorable") });
    await writer.drained();
  });
});
