import { describe, expect, it } from "vitest";
import { checkCloudEvent, type EventChecks } from "./cloud-event.ts";
import { MAX_DATA_DEPTH } from "./nesting.ts";
import { ALL_SOURCES, cancellation } from "./test-fixtures.ts";

const checks: EventChecks = {
  sources: ALL_SOURCES,
  signedBy: null,
  clientSources: [],
  receivedVia: "bearer:client",
  traceparent: null,
  mayHoldUnstorable: true,
  mayNestTooDeep: true,
};

const without = (key: string) => {
  const event: Record<string, unknown> = cancellation("e1");
  delete event[key];
  return event;
};

describe("checkCloudEvent: the envelope", () => {
  it.each([
    ["not an object", [1], "envelope", "event"],
    ["a wrong specversion", { ...cancellation("e1"), specversion: "0.3" }, "envelope", "specversion"],
    ["no id", without("id"), "envelope", "id"],
    ["an empty id", { ...cancellation("e1"), id: "" }, "envelope", "id"],
    ["no source", without("source"), "envelope", "source"],
    ["no type", without("type"), "envelope", "type"],
    ["no data", without("data"), "envelope", "data"],
    ["data_base64", { ...cancellation("e1"), data_base64: "AAAA" }, "envelope", "data_base64"],
    ["a time that is not RFC 3339", { ...cancellation("e1"), time: "yesterday" }, "envelope", "time"],
    ["a time before 1970", { ...cancellation("e1"), time: "0000-01-01T00:00:00Z" }, "envelope", "time"],
    [
      "a time before 1970 in UTC, though not in its own offset",
      { ...cancellation("e1"), time: "1970-01-01T00:30:00+01:00" },
      "envelope",
      "time",
    ],
    [
      "a time past 9999 in UTC",
      { ...cancellation("e1"), time: "9999-12-31T23:30:00-01:00" },
      "envelope",
      "time",
    ],
    ["a dataversion of 0", { ...cancellation("e1"), dataversion: 0 }, "envelope", "dataversion"],
    ["a bad traceparent", { ...cancellation("e1"), traceparent: "abc" }, "envelope", "traceparent"],
    ["an unknown source", { ...cancellation("e1"), source: "payments" }, "unknown_source", "source"],
    ["an unknown type", { ...cancellation("e1"), type: "OrderEaten" }, "unknown_type", "type"],
    ["another source's type", { ...cancellation("e1"), type: "OrderRejected" }, "unknown_type", "type"],
    ["an unknown data version", { ...cancellation("e1"), dataversion: 7 }, "unknown_type", "dataversion"],
    ["a NUL character in data", cancellation("e1", { comment: "late\u0000" }), "envelope", "data.comment"],
    [
      "a NUL character deep in data",
      cancellation("e1", { items: [{ note: "ok" }, { note: "\u0000" }] }),
      "envelope",
      "data.items.1.note",
    ],
    ["a NUL character in a key of data", cancellation("e1", { "a\u0000b": 1 }), "envelope", "data"],
    ["half of a surrogate pair", cancellation("e1", { comment: "sushi \ud83c" }), "envelope", "data.comment"],
    ["a NUL character in the id", { ...cancellation("e1"), id: "e\u00001" }, "envelope", "id"],
    [
      "half of a surrogate pair in the subject",
      { ...cancellation("e1"), subject: "order/\udc00" },
      "envelope",
      "subject",
    ],
  ])("refuses %s, naming the field", (_, raw, reason, path) => {
    const checked = checkCloudEvent(raw, checks);
    expect(checked).toMatchObject({ kind: "reject", code: "BAD_REQUEST", reason });
    if (checked.kind === "reject") expect(checked.issues.map((issue) => issue.path)).toContain(path);
  });

  it("refuses data nested deeper than MAX_DATA_DEPTH, naming where, however deep; takes it at the limit", () => {
    const nest = (levels: number) => {
      let value: unknown = "sushi";
      for (let level = 0; level < levels; level++) value = [value];
      return value;
    };
    // data is one level, its `deep` field the next: the field may nest MAX_DATA_DEPTH - 1 levels.
    for (const levels of [MAX_DATA_DEPTH, 20_000]) {
      const refused = checkCloudEvent(cancellation("e1", { deep: nest(levels) }), checks);
      expect(refused).toMatchObject({ kind: "reject", reason: "envelope" });
      if (refused.kind === "reject")
        expect(refused.issues[0]!.path).toBe(`data.deep${".0".repeat(MAX_DATA_DEPTH - 1)}`);
    }
    const atLimit = cancellation("e1", { deep: nest(MAX_DATA_DEPTH - 1) });
    expect(checkCloudEvent(atLimit, checks)).toMatchObject({ kind: "store" });
    expect(checkCloudEvent(atLimit, { ...checks, mayNestTooDeep: false })).toMatchObject({ kind: "store" });
  });

  it("refuses an event of a source its client may not send as (403), and takes one it may", () => {
    const bound = { ...checks, clientSources: ["courier_mobility", "integration_contract"] };
    const checked = checkCloudEvent(cancellation("e1"), bound);
    expect(checked).toMatchObject({
      kind: "reject",
      code: "FORBIDDEN",
      reason: "source_mismatch",
      issues: [{ path: "source" }],
    });
    const own = checkCloudEvent(cancellation("e1"), { ...bound, clientSources: ["consumer_experience"] });
    expect(own).toMatchObject({ kind: "store" });
  });

  it("refuses a signed event naming another source than the secret's (403)", () => {
    const checked = checkCloudEvent(cancellation("e1"), { ...checks, signedBy: "courier_mobility" });
    expect(checked).toMatchObject({
      kind: "reject",
      code: "FORBIDDEN",
      reason: "source_mismatch",
      issues: [{ path: "source" }],
    });
  });

  it("stores a valid event as pending, raw data kept, ordered by its order", () => {
    const raw = { ...cancellation("e1"), subject: "order/ord_1", dataversion: "1", extra: "kept" };
    const checked = checkCloudEvent(raw, {
      ...checks,
      traceparent: `00-${"a".repeat(32)}-${"b".repeat(16)}-01`,
    });
    expect(checked).toMatchObject({
      kind: "store",
      schemaIssues: null,
      row: {
        source: "consumer_experience",
        eventId: "e1",
        type: "OrderCancellationRequested",
        dataVersion: 1,
        subject: "order/ord_1",
        time: "2026-12-06T10:00:00Z",
        data: raw.data,
        orderingKey: "order:ord_1",
        receivedVia: "bearer:client",
        status: "pending",
        failureClass: null,
        lastError: null,
        traceparent: `00-${"a".repeat(32)}-${"b".repeat(16)}-01`,
      },
    });
  });

  it.each(["1970-01-01T00:30:00+00:30", "9999-12-31T23:59:59.999Z", "1969-12-31T23:30:00-01:00"])(
    "takes %s, within 1970 to 9999 in UTC",
    (time) => {
      expect(checkCloudEvent({ ...cancellation("e1"), time }, checks)).toMatchObject({ kind: "store" });
    },
  );

  it("holds an event of a paused source", () => {
    const event = {
      specversion: "1.0",
      id: "k1",
      source: "restaurant_operations",
      type: "KitchenOverloaded",
      data: { restaurantId: "res_1", cityCode: "TYO", backlogOrders: 12, reportedAt: "2026-12-06T10:00:00Z" },
    };
    expect(checkCloudEvent(event, checks)).toMatchObject({
      kind: "store",
      row: { status: "held", orderingKey: "restaurant:res_1" },
    });
  });

  it("stores a payload failing its schema as dead, naming the field under data", () => {
    const checked = checkCloudEvent(cancellation("e1", { cityCode: "tokyo", orderId: undefined }), checks);
    expect(checked).toMatchObject({
      kind: "store",
      row: { status: "dead", failureClass: "schema" },
    });
    if (checked.kind !== "store") return;
    expect(checked.schemaIssues?.map((issue) => issue.path).sort()).toEqual([
      "data.cityCode",
      "data.orderId",
    ]);
    expect(checked.row.lastError).toMatch(/data\.cityCode/);
  });

  it("stores data that is not an object as dead too", () => {
    const checked = checkCloudEvent({ ...cancellation("e1"), data: "hello" }, checks);
    expect(checked).toMatchObject({
      kind: "store",
      row: { status: "dead", orderingKey: "OrderCancellationRequested:unkeyed" },
    });
  });
});
