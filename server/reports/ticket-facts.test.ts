import { describe, expect, it } from "vitest";
import { ticketFact } from "./ticket-facts.ts";
import { foldTicketEvents } from "./ticket-history.ts";
import { created, history, jst, status, TOKYO_HOURS } from "./test-histories.ts";

const utc = (iso: string) => new Date(`${iso}Z`);

function factOf(events: ReturnType<typeof history>) {
  const folded = foldTicketEvents("t-1", events);
  if (folded === null) throw new Error("no TicketCreated");
  return ticketFact(folded, TOKYO_HOURS);
}

describe("ticket facts from event histories", () => {
  it("P1 on the 24/7 clock: pending and resolved-then-reopened periods do not count; the reopen is a cycle", () => {
    const fact = factOf(
      history(
        ["TicketCreated", utc("2026-03-02T10:00"), created("P1")],
        ["TicketCommented", utc("2026-03-02T10:05"), { visibility: "internal" }],
        ["TicketCommented", utc("2026-03-02T10:10"), { visibility: "public" }],
        ["TicketStatusUpdated", utc("2026-03-02T10:10"), status("new", "open")],
        ["TicketStatusUpdated", utc("2026-03-02T10:30"), status("open", "pending")],
        ["TicketStatusUpdated", utc("2026-03-02T11:30"), status("pending", "open")],
        ["TicketStatusUpdated", utc("2026-03-02T12:00"), status("open", "resolved")],
        ["TicketStatusUpdated", utc("2026-03-02T13:00"), status("resolved", "open")],
        ["TicketStatusUpdated", utc("2026-03-02T14:00"), status("open", "resolved")],
      ),
    );
    // First response: 10:00 → 10:10 = 10 min (target 15). Resolution: 10:00 → 14:00 = 240 min, minus 60 pending
    // and 60 resolved before the reopen = 120 min (target 240).
    expect(fact).toMatchObject({
      firstResponseMinutes: 10,
      firstResponseTargetMinutes: 15,
      firstResponseBreached: false,
      resolutionMinutes: 120,
      resolutionTargetMinutes: 240,
      resolutionBreached: false,
      reopenCount: 1,
      status: "resolved",
      resolvedAt: utc("2026-03-02T14:00"),
    });
  });

  it("P3 in business hours: evenings, the weekend and a pending stretch are left out", () => {
    const fact = factOf(
      history(
        ["TicketCreated", jst("2026-03-06T17:00"), created("P3")], // Friday
        ["TicketCommented", jst("2026-03-09T10:00"), { visibility: "public" }], // Monday
        ["TicketStatusUpdated", jst("2026-03-09T10:00"), status("new", "open")],
        ["TicketStatusUpdated", jst("2026-03-09T11:00"), status("open", "pending")],
        ["TicketStatusUpdated", jst("2026-03-10T10:00"), status("pending", "open")],
        ["TicketStatusUpdated", jst("2026-03-11T12:00"), status("open", "resolved")],
      ),
    );
    // First response: Fri 17–18 (60) + Mon 9–10 (60) = 120. Resolution: Fri 60 + Mon 540 + Tue 540 + Wed 9–12
    // (180) = 1320, minus pending Mon 11–18 (420) + Tue 9–10 (60) = 840 (target 1440).
    expect(fact.firstResponseMinutes).toBe(120);
    expect(fact.resolutionMinutes).toBe(840);
    expect(fact.resolutionBreached).toBe(false);
  });

  it("P4's first response is due by the end of the next business day, skipping a holiday", () => {
    // Thursday 2026-03-19 15:00; Friday the 20th is a holiday, so the next business day is Monday the 23rd:
    // target = Thu 15–18 (180) + Mon 9–18 (540) = 720 business minutes.
    const fact = factOf(history(["TicketCreated", jst("2026-03-19T15:00"), created("P4")]));
    expect(fact.firstResponseTargetMinutes).toBe(720);
    expect(fact.firstResponseMinutes).toBeNull();
    expect(fact.resolutionMinutes).toBeNull();
  });

  it("a late stop is a breach even before the sweep records it; the sweep's SlaBreached is one while running", () => {
    const late = factOf(
      history(
        ["TicketCreated", utc("2026-03-02T00:00"), created("P2")],
        ["TicketStatusUpdated", utc("2026-03-02T09:00"), status("new", "resolved")],
      ),
    );
    // Resolving answers too: first response = resolution = 540 min, over 30 and 480.
    expect(late).toMatchObject({
      firstResponseMinutes: 540,
      firstResponseBreached: true,
      resolutionBreached: true,
    });
    const running = factOf(
      history(
        ["TicketCreated", utc("2026-03-02T00:00"), created("P2")],
        ["SlaBreached", utc("2026-03-02T00:30"), { kind: "first_response" }],
      ),
    );
    expect(running).toMatchObject({
      firstResponseMinutes: null,
      firstResponseBreached: true,
      resolutionBreached: false,
    });
  });

  it("takes the latest priority, team, category and assignee, and the city from TicketCreated", () => {
    const fact = factOf(
      history(
        ["TicketCreated", utc("2026-03-02T00:00"), created("P3", { cityId: "city-1" })],
        ["TicketAssigned", utc("2026-03-02T00:00"), { from: null, to: "agent-1" }],
        [
          "TicketUpdated",
          utc("2026-03-02T01:00"),
          {
            changes: {
              category: { from: "delivery_delay", to: "payment" },
              teamId: { from: "team-consumer", to: "team-billing" },
            },
          },
        ],
        [
          "TicketEscalated",
          utc("2026-03-02T02:00"),
          { kind: "resolution", level: 1, fromPriority: "P3", toPriority: "P2" },
        ],
        ["TicketAssigned", utc("2026-03-02T03:00"), { from: "agent-1", to: "agent-2" }],
      ),
    );
    expect(fact).toMatchObject({
      priority: "P2",
      category: "payment",
      teamId: "team-billing",
      assigneeId: "agent-2",
      cityId: "city-1",
      lastEventSeq: 5n,
    });
  });

  it("has no fact without TicketCreated (a history cut by retention)", () => {
    expect(foldTicketEvents("t-1", history(["TicketCommented", utc("2026-03-02T00:00"), {}]))).toBeNull();
  });
});
