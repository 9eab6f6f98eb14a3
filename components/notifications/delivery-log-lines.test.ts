import { describe, expect, it } from "vitest";
import type { DeliveryLogEntry } from "@/server/notifications/contract";
import { logLine } from "./delivery-log-lines";

const at = new Date("2026-12-06T05:03:00Z");
const delivery = (fields: Partial<Extract<DeliveryLogEntry, { kind: "delivery" }>>): DeliveryLogEntry => ({
  kind: "delivery",
  at,
  status: "delivered",
  channelKind: "pagerduty",
  channelName: "PD primary",
  recipientName: "Aoi",
  action: "trigger",
  attempts: 1,
  lastError: null,
  ...fields,
});

describe("delivery log lines", () => {
  it("says who was paged on which channel, naming the channel by kind when it has no name", () => {
    expect(logLine(delivery({}), "the channel")).toEqual({
      key: "paged",
      values: { name: "Aoi", channel: "PD primary" },
      tone: "ok",
    });
    expect(logLine(delivery({ channelName: null, recipientName: null }), "the channel").values).toEqual({
      name: "the channel",
      channel: "PagerDuty",
    });
    expect(logLine(delivery({ channelKind: "in_app", channelName: null }), "-").key).toBe("notifiedInApp");
  });

  it("tells a pending attempt, a dead letter and the provider's acknowledge/resolve apart", () => {
    expect(logLine(delivery({ status: "retrying", attempts: 2 }), "-")).toMatchObject({
      key: "paging",
      values: { attempts: 3 },
      tone: "pending",
    });
    expect(logLine(delivery({ status: "dead", lastError: "HTTP 400" }), "-")).toMatchObject({
      key: "failed",
      values: { error: "HTTP 400" },
      tone: "failed",
    });
    expect(logLine(delivery({ action: "acknowledge" }), "-").key).toBe("providerAcknowledge");
    expect(logLine(delivery({ action: "resolve" }), "-").key).toBe("providerResolve");
  });

  it("tells a page stopped by an acknowledgement from one still pending", () => {
    expect(logLine(delivery({ status: "cancelled", attempts: 1 }), "-")).toMatchObject({
      key: "cancelled",
      tone: "ok",
    });
  });

  it("names the person who acknowledged when known", () => {
    const ack = { kind: "acknowledged", at, via: "console", userId: null, userName: "Ken" } as const;
    expect(logLine(ack, "-")).toEqual({
      key: "acknowledgedBy",
      values: { name: "Ken", via: "console" },
      tone: "ack",
    });
    expect(logLine({ ...ack, userName: null, via: "pagerduty" }, "-")).toEqual({
      key: "acknowledgedVia",
      values: { via: "pagerduty" },
      tone: "ack",
    });
  });
});
