import { describe, expect, it } from "vitest";
import {
  combineCounts,
  countedByCounters,
  countersTable,
  countsFor,
  type CounterRow,
} from "./queue-counts.ts";

// Per status: recorded breaches R, unmarked U, of which O are overdue now (breached though not marked yet).
const counters: CounterRow[] = [
  { status: "new", recordedBreach: false, tickets: 10 },
  { status: "new", recordedBreach: true, tickets: 2 },
  { status: "open", recordedBreach: false, tickets: 7 },
  { status: "closed", recordedBreach: true, tickets: 4 },
];
const overdue = [
  { status: "new" as const, tickets: 3 },
  { status: "open" as const, tickets: 1 },
];
const statuses = ["new", "open", "pending", "closed"] as const;

describe("combineCounts", () => {
  it("without an SLA filter counts every ticket; breached are the recorded and the overdue", () => {
    expect(combineCounts(undefined, statuses, counters, overdue)).toEqual([
      { status: "new", total: 12, breached: 5 },
      { status: "open", total: 7, breached: 1 },
      { status: "pending", total: 0, breached: 0 },
      { status: "closed", total: 4, breached: 4 },
    ]);
  });

  it("breached keeps the recorded and the overdue, all of them breached", () => {
    expect(combineCounts("breached", statuses, counters, overdue)).toEqual([
      { status: "new", total: 5, breached: 5 },
      { status: "open", total: 1, breached: 1 },
      { status: "pending", total: 0, breached: 0 },
      { status: "closed", total: 4, breached: 4 },
    ]);
  });

  it("not_breached keeps the unmarked that are not overdue", () => {
    expect(combineCounts("not_breached", statuses, counters, overdue)).toEqual([
      { status: "new", total: 7, breached: 0 },
      { status: "open", total: 6, breached: 0 },
      { status: "pending", total: 0, breached: 0 },
      { status: "closed", total: 0, breached: 0 },
    ]);
  });

  it("breached and not_breached add up to all tickets", () => {
    const all = combineCounts(undefined, statuses, counters, overdue);
    const yes = combineCounts("breached", statuses, counters, overdue);
    const no = combineCounts("not_breached", statuses, counters, overdue);
    all.forEach((row, i) => expect(yes[i]!.total + no[i]!.total).toBe(row.total));
  });

  it("lists only the statuses asked for, in their order", () => {
    expect(combineCounts(undefined, ["open", "new"], counters, overdue).map((r) => r.status)).toEqual([
      "open",
      "new",
    ]);
  });
});

describe("countedByCounters", () => {
  it("leaves searches and the time-bound at_risk filter to a count on the tickets", () => {
    expect(countedByCounters({})).toBe(true);
    expect(countedByCounters({ sla: "breached" })).toBe(true);
    expect(countedByCounters({ sla: "escalated" })).toBe(true);
    expect(countedByCounters({ sla: "at_risk" })).toBe(false);
    expect(countedByCounters({ q: "refund" })).toBe(false);
  });
});

describe("countersTable", () => {
  it("reads the rollup unless a category or a city is asked for", () => {
    expect(countersTable({})).toBe("TicketCountRollup");
    expect(countersTable({ category: [] })).toBe("TicketCountRollup");
    expect(countersTable({ category: ["refund_request"] })).toBe("TicketCount");
    expect(countersTable({ cityId: "0190c0de-0000-7000-8000-000000000000" })).toBe("TicketCount");
  });
});

describe("countsFor", () => {
  it("fills a zero for each listed status without tickets", () => {
    expect(countsFor(["new", "open"], [{ status: "open", total: 3, breached: 1 }])).toEqual([
      { status: "new", total: 0, breached: 0 },
      { status: "open", total: 3, breached: 1 },
    ]);
  });
});
