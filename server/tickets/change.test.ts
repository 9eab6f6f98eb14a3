import { describe, expect, it } from "vitest";
import { planChange, type TicketSnapshot } from "./change.ts";
import { TOKYO, jst } from "./test-calendars.ts";

function snapshot(extra: Partial<TicketSnapshot> = {}): TicketSnapshot {
  return {
    createdAt: jst("2026-03-09T10:00"),
    priority: "P3",
    status: "new",
    category: "delivery_delay",
    teamId: "team-consumer",
    assigneeId: null,
    slaPauses: [],
    slaPausedAt: null,
    firstRespondedAt: null,
    resolvedAt: null,
    closedAt: null,
    firstResponseBreachedAt: null,
    resolutionBreachedAt: null,
    unassignedEscalatedAt: null,
    ...extra,
  };
}

describe("planChange", () => {
  it("refuses what the status machine refuses, with its reason", () => {
    expect(planChange(snapshot(), { status: "closed" }, TOKYO, jst("2026-03-09T11:00"))).toEqual({
      ok: false,
      reason: "Only a resolved ticket can be closed; resolve it first",
    });
    expect(
      planChange(snapshot({ status: "closed" }), { priority: "P1" }, TOKYO, jst("2026-03-09T11:00")).ok,
    ).toBe(false);
  });

  it("opens a pause on pending and closes it into an interval on resume", () => {
    const paused = planChange(snapshot(), { status: "pending" }, TOKYO, jst("2026-03-09T11:00"));
    if (!paused.ok) throw new Error(paused.reason);
    expect(paused.patch).toMatchObject({
      slaPausedAt: jst("2026-03-09T11:00"),
      slaNextCheckAt: null,
      slaAtRiskAt: null,
    });
    const resumed = planChange(
      snapshot({ ...paused.patch, status: "pending" }),
      { status: "open" },
      TOKYO,
      jst("2026-03-10T11:00"),
    );
    if (!resumed.ok) throw new Error(resumed.reason);
    expect(resumed.patch.slaPauses).toEqual([
      { from: jst("2026-03-09T11:00").toISOString(), to: jst("2026-03-10T11:00").toISOString() },
    ]);
    expect(resumed.patch.firstResponseDueAt).toEqual(jst("2026-03-10T14:00"));
  });

  it("moves a new ticket to open on the first public reply and stops the first-response clock", () => {
    const plan = planChange(snapshot(), { publicReply: true }, TOKYO, jst("2026-03-09T10:30"));
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.patch).toMatchObject({ status: "open", firstRespondedAt: jst("2026-03-09T10:30") });
    expect(plan.events.map((e) => e.type)).toEqual(["TicketStatusUpdated"]);
  });

  it("records the events of every changed field", () => {
    const plan = planChange(
      snapshot(),
      { priority: "P1", assigneeId: "agent-1" },
      TOKYO,
      jst("2026-03-09T10:30"),
    );
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.events).toEqual([
      { type: "TicketUpdated", payload: { changes: { priority: { from: "P3", to: "P1" } } } },
      { type: "TicketAssigned", payload: { from: null, to: "agent-1", decidedBy: "manual" } },
    ]);
    // P1 runs on the wall clock: 15 minutes after creation, already missed by 10:30.
    expect(plan.patch.firstResponseDueAt).toEqual(jst("2026-03-09T10:15"));
    expect(plan.patch.slaNextCheckAt).toEqual(jst("2026-03-09T10:15"));
  });

  it("checks a ticket left unassigned when its SLA nears, once; an assigned one at its next deadline", () => {
    // P3 created Monday 10:00: first response due 14:00 (4 business hours), at risk at 75 %: 13:00.
    const waiting = planChange(snapshot(), { priority: "P3" }, TOKYO, jst("2026-03-09T10:30"));
    if (!waiting.ok) throw new Error(waiting.reason);
    expect(waiting.patch).toMatchObject({
      slaAtRiskAt: jst("2026-03-09T13:00"),
      slaNextCheckAt: jst("2026-03-09T13:00"),
    });

    const escalated = planChange(
      snapshot({ unassignedEscalatedAt: jst("2026-03-09T13:00") }),
      {},
      TOKYO,
      jst("2026-03-09T13:30"),
    );
    if (!escalated.ok) throw new Error(escalated.reason);
    expect(escalated.patch.slaNextCheckAt).toEqual(jst("2026-03-09T14:00"));

    const assigned = planChange(snapshot(), { assigneeId: "agent-1" }, TOKYO, jst("2026-03-09T10:30"));
    if (!assigned.ok) throw new Error(assigned.reason);
    expect(assigned.patch.slaNextCheckAt).toEqual(jst("2026-03-09T14:00"));
  });
});
