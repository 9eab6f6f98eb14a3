import { describe, expect, it } from "vitest";
import { enqueueInput } from "./contract.ts";
import { planDeliveries } from "./routing.ts";

const USER = "0193a1b2-0000-7000-8000-0000000000a1";
const channels = [
  { id: "c-slack", kind: "slack" as const, objectTypes: [] },
  { id: "c-pd", kind: "pagerduty" as const, objectTypes: [] },
  { id: "c-hook-alerts", kind: "webhook" as const, objectTypes: ["alert"] },
  { id: "c-hook-all", kind: "webhook" as const, objectTypes: [] },
];
const input = (recipients: unknown) =>
  enqueueInput.parse({
    objectType: "ticket",
    objectId: "t-1",
    step: "esc-1:0:0",
    severity: "critical",
    title: "P1",
    path: "/tickets/t-1",
    recipients,
  });

describe("planDeliveries", () => {
  it("makes one row per recipient × channel, keyed by object, step, recipient and channel", () => {
    const { rows, unrouted } = planDeliveries(
      input([{ userId: USER, channels: ["pagerduty", "in_app", "in_app"] }]),
      channels,
    );
    expect(rows.map((row) => row.idempotencyKey)).toEqual([
      `ticket:t-1|esc-1:0:0|${USER}|c-pd`,
      `ticket:t-1|esc-1:0:0|${USER}|in_app`,
    ]);
    expect(unrouted).toEqual([]);
  });

  it("sends webhooks only to subscribers of the object type", () => {
    const { rows } = planDeliveries(input([{ userId: null, channels: ["webhook"] }]), channels);
    expect(rows.map((row) => row.channelId)).toEqual(["c-hook-all"]);
  });

  it("reports pairs nothing can carry: no channel of the kind, or no person for e-mail", () => {
    const { rows, unrouted } = planDeliveries(
      input([{ userId: null, channels: ["email", "slack"] }]),
      channels.slice(1),
    );
    expect(rows).toEqual([]);
    expect(unrouted).toEqual([
      { userId: null, channel: "email" },
      { userId: null, channel: "slack" },
    ]);
  });
});
