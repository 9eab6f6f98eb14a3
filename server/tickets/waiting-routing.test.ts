import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { priorityWeight, type RoutingAgent } from "./routing";
import { TICKET_PRIORITIES, type TicketPriority } from "./types";
import { planWaitingRoutes, type WaitingTicket } from "./waiting-routing";

const NOW = new Date("2026-03-02T03:00:00Z");

function agent(id: string, extra: Partial<RoutingAgent> = {}): RoutingAgent {
  return {
    id,
    skills: ["order_issue", "courier_safety"],
    languages: ["ja"],
    capacity: 6,
    load: 6,
    onShift: true,
    lastAssignedAt: null,
    ...extra,
  };
}

const waiting = (
  id: string,
  priority: TicketPriority,
  extra: Partial<WaitingTicket> = {},
): WaitingTicket => ({
  id,
  priority,
  category: "order_issue",
  language: "ja",
  ...extra,
});

describe("planWaitingRoutes", () => {
  it("gives the freed room to the most urgent waiting ticket that fits, and no more than the room", () => {
    const agents = [agent("a", { load: 4 }), agent("b")];
    const routes = planWaitingRoutes(
      [waiting("t1", "P3"), waiting("t2", "P3"), waiting("t3", "P4")],
      agents,
      NOW,
    );
    expect(routes.map((r) => [r.ticketId, r.assigneeId])).toEqual([["t1", "a"]]);
    expect(routes[0]?.decision.reason.rule).toBe("least_loaded");
  });

  it("counts each routed ticket before ranking the next, spreading them by load", () => {
    const agents = [agent("a", { load: 0 }), agent("b", { load: 2 })];
    const routes = planWaitingRoutes(
      ["t1", "t2", "t3", "t4", "t5"].map((id) => waiting(id, "P3")),
      agents,
      NOW,
    );
    // Equal loads go to the agent assigned longest ago; after both took one in this run, to the smaller id.
    expect(routes.map((r) => r.assigneeId)).toEqual(["a", "b", "a", "a", "b"]);
  });

  it("keeps an agent for a heavier waiting ticket instead of filling them with the lighter ones behind it", () => {
    const routes = planWaitingRoutes(
      [waiting("p1", "P1"), waiting("p4a", "P4"), waiting("p4b", "P4")],
      [agent("a", { load: 3 })],
      NOW,
    );
    expect(routes).toEqual([]);
  });

  it("lets a ticket through when the agents ahead of it wait for someone else (other skill or language)", () => {
    const safety = agent("safety", { load: 3, skills: ["courier_safety"] });
    const en = agent("en", { load: 0, languages: ["en"], skills: ["order_issue"] });
    const routes = planWaitingRoutes(
      [
        waiting("s", "P1", { category: "courier_safety" }),
        waiting("e", "P3", { language: "en" }),
        waiting("o", "P4", { category: "courier_safety" }),
      ],
      [safety, en],
      NOW,
    );
    expect(routes.map((r) => [r.ticketId, r.assigneeId])).toEqual([["e", "en"]]);
  });

  it("does not hold an agent for a ticket heavier than their whole capacity", () => {
    const routes = planWaitingRoutes(
      [waiting("p1", "P1"), waiting("p4", "P4")],
      [agent("small", { capacity: 3, load: 2 })],
      NOW,
    );
    expect(routes.map((r) => r.ticketId)).toEqual(["p4"]);
  });

  it("never plans anyone over capacity and routes only tickets an agent had room for", () => {
    const agentArb = fc.record({
      capacity: fc.integer({ min: 0, max: 12 }),
      load: fc.integer({ min: 0, max: 14 }),
      onShift: fc.boolean(),
    });
    const ticketArb = fc.record({ priority: fc.constantFrom(...TICKET_PRIORITIES), en: fc.boolean() });
    fc.assert(
      fc.property(fc.array(agentArb, { maxLength: 5 }), fc.array(ticketArb, { maxLength: 12 }), (as, ts) => {
        const agents = as.map((a, i) => agent(`a${i}`, { ...a, languages: i % 2 ? ["en"] : ["ja"] }));
        const tickets = ts.map((t, i) => waiting(`t${i}`, t.priority, { language: t.en ? "en" : "ja" }));
        const routes = planWaitingRoutes(tickets, agents, NOW);
        expect(new Set(routes.map((r) => r.ticketId)).size).toBe(routes.length);
        for (const a of agents) {
          const added = routes
            .filter((r) => r.assigneeId === a.id)
            .reduce((sum, r) => sum + priorityWeight(tickets.find((t) => t.id === r.ticketId)!.priority), 0);
          if (added > 0) expect(a.load + added).toBeLessThanOrEqual(a.capacity);
        }
      }),
    );
  });
});
