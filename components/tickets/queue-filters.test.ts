import { describe, expect, it } from "vitest";
import {
  filtersOf,
  loadQueueFilters,
  NO_FILTERS,
  queueInputOf,
  sameFilters,
  savedQueryOf,
} from "./queue-filters";

const AGENT = "019e6712-19a0-7f89-89e0-9ab2df646e6c";

describe("loadQueueFilters", () => {
  it("reads every filter from the URL", () => {
    const filters = loadQueueFilters(
      `?status=open,pending&priority=P1&assignee=me&sla=at_risk&q=${encodeURIComponent("配達")}`,
    );
    expect(filters).toMatchObject({
      status: ["open", "pending"],
      priority: ["P1"],
      assignee: "me",
      sla: "at_risk",
      q: "配達",
    });
  });

  it("ignores values the queue cannot use instead of failing", () => {
    const filters = loadQueueFilters("?status=bogus&assignee=someone&team=not-a-uuid&q=a&sla=soon");
    expect(filters).toMatchObject({ assignee: null, team: null, q: null, sla: null });
    expect(queueInputOf(filters).status).toBeUndefined();
  });
});

describe("queueInputOf", () => {
  it("sends anyone when no assignee is chosen, and sorted lists", () => {
    const input = queueInputOf({ ...NO_FILTERS, priority: ["P2", "P1"], assignee: null });
    expect(input).toMatchObject({ assignee: "any", priority: ["P1", "P2"], limit: 50 });
    expect(input.status).toBeUndefined();
  });
});

describe("saved views", () => {
  it("round-trips through a saved query", () => {
    const filters = { ...NO_FILTERS, status: ["new" as const], assignee: AGENT, q: "refund" };
    expect(filtersOf(savedQueryOf(filters))).toEqual(filters);
  });

  it("matches filters regardless of list order", () => {
    const a = { ...NO_FILTERS, status: ["open" as const, "new" as const] };
    const b = { ...NO_FILTERS, status: ["new" as const, "open" as const] };
    expect(sameFilters(a, b)).toBe(true);
    expect(sameFilters(a, NO_FILTERS)).toBe(false);
  });
});
