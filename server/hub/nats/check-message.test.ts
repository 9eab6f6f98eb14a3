import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { SourceSnapshot } from "../edge/source-directory.ts";
import { checkMessage } from "./check-message.ts";

const sources: SourceSnapshot = {
  get: (key) => (key === "consumer_experience" ? { key, paused: false, secrets: [] } : undefined),
  signingCandidates: () => [],
};
const checks = { sources, receivedVia: "nats:PLATFORM_EVENTS/ops-console-hub" };
const TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

const body = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value));
const event = (data: Record<string, unknown>) => ({
  specversion: "1.0",
  id: randomUUID(),
  source: "consumer_experience",
  type: "OrderStatusUpdated",
  data,
});
const valid = { orderId: "o-1", cityCode: "TYO", status: "accepted", updatedAt: "2026-12-06T10:00:00Z" };

describe("a NATS message checked as the edge checks an event", () => {
  it("stores a valid event as pending, with the message's traceparent header", () => {
    const result = checkMessage(body(event(valid)), TRACE, checks);
    expect(result).toMatchObject({
      kind: "store",
      row: { status: "pending", failureClass: null, receivedVia: checks.receivedVia, traceparent: TRACE },
    });
  });

  it("stores a payload that fails its schema as dead, naming the field", () => {
    const result = checkMessage(body(event({ ...valid, cityCode: "tokyo" })), undefined, checks);
    expect(result).toMatchObject({ kind: "store", row: { status: "dead", failureClass: "schema" } });
    expect(result.kind === "store" && result.row.lastError).toContain("data.cityCode");
  });

  it.each([
    ["malformed JSON", "{ nope", /not valid JSON/],
    ["a batch array", [event(valid)], /must be a JSON object/],
    ["a missing id", { ...event(valid), id: undefined }, /id/],
    ["an unknown source", { ...event(valid), source: "elsewhere" }, /not a known source/],
    ["an unknown type", { ...event(valid), type: "Nope" }, /not in the catalogue/],
  ])("refuses %s with the reason", (_, value, reason) => {
    const result = checkMessage(body(value), "not-a-trace", checks);
    expect(result.kind).toBe("refuse");
    expect(result.kind === "refuse" && result.reason).toMatch(reason);
  });
});
