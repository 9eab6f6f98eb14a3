import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hasRoomFor,
  isOnShift,
  pickAssignee,
  priorityWeight,
  teamForCategory,
  type RoutingAgent,
} from "./routing";
import { jst } from "./test-calendars";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, type TicketCategory } from "./types";

function agent(id: string, extra: Partial<RoutingAgent> = {}): RoutingAgent {
  return {
    id,
    skills: ["order_issue", "refund_request"],
    languages: ["ja", "en"],
    capacity: 10,
    load: 0,
    onShift: true,
    lastAssignedAt: null,
    ...extra,
  };
}

const ticket = { category: "order_issue", priority: "P3", language: "ja" } as const;

describe("teamForCategory", () => {
  it("sends each category to its owning team", () => {
    expect(teamForCategory("refund_request")).toBe("consumer");
    expect(teamForCategory("account_access")).toBe("consumer");
    expect(teamForCategory("menu_update")).toBe("restaurant");
    expect(teamForCategory("courier_safety")).toBe("courier");
    const of = (team: string) => TICKET_CATEGORIES.filter((c) => teamForCategory(c) === team);
    expect(of("consumer")).toEqual([
      "order_issue",
      "delivery_delay",
      "missing_item",
      "refund_request",
      "payment",
      "account_access",
    ]);
    expect(of("restaurant")).toEqual(["restaurant_onboarding", "menu_update"]);
    expect(of("courier")).toEqual(["courier_payout", "courier_safety"]);
  });
});

describe("priorityWeight", () => {
  it("weighs P1 4, P2 3, P3 2, P4 1", () => {
    expect(TICKET_PRIORITIES.map(priorityWeight)).toEqual([4, 3, 2, 1]);
  });
});

describe("hasRoomFor", () => {
  it("fits a ticket whose weight fills the capacity exactly, not one more unit", () => {
    expect(hasRoomFor({ load: 8, capacity: 12 }, "P1")).toBe(true);
    expect(hasRoomFor({ load: 9, capacity: 12 }, "P1")).toBe(false);
    expect(hasRoomFor({ load: 11, capacity: 12 }, "P4")).toBe(true);
  });

  it("never fits an agent without capacity", () => {
    expect(hasRoomFor({ load: 0, capacity: 0 }, "P4")).toBe(false);
  });
});

describe("isOnShift (Asia/Tokyo)", () => {
  const day = { shiftStartMin: 14 * 60, shiftEndMin: 23 * 60, workDays: [1, 2, 3, 4, 5] };
  const night = { shiftStartMin: 22 * 60, shiftEndMin: 7 * 60, workDays: [1, 2, 3, 4, 5] };

  it("covers a same-day shift, end exclusive", () => {
    expect(isOnShift(day, jst("2026-03-09T14:00"), "Asia/Tokyo")).toBe(true);
    expect(isOnShift(day, jst("2026-03-09T22:59"), "Asia/Tokyo")).toBe(true);
    expect(isOnShift(day, jst("2026-03-09T23:00"), "Asia/Tokyo")).toBe(false);
    expect(isOnShift(day, jst("2026-03-09T13:59"), "Asia/Tokyo")).toBe(false);
    expect(isOnShift(day, jst("2026-03-07T15:00"), "Asia/Tokyo")).toBe(false);
  });

  it("credits the early-morning part of a night shift to the day it started", () => {
    expect(isOnShift(night, jst("2026-03-09T23:00"), "Asia/Tokyo")).toBe(true);
    expect(isOnShift(night, jst("2026-03-10T03:00"), "Asia/Tokyo")).toBe(true);
    expect(isOnShift(night, jst("2026-03-10T07:00"), "Asia/Tokyo")).toBe(false);
    expect(isOnShift(night, jst("2026-03-10T12:00"), "Asia/Tokyo")).toBe(false);
    // Friday night runs into Saturday; Sunday night (not a work day) does not run into Monday.
    expect(isOnShift(night, jst("2026-03-07T03:00"), "Asia/Tokyo")).toBe(true);
    expect(isOnShift(night, jst("2026-03-09T03:00"), "Asia/Tokyo")).toBe(false);
  });

  it("reads the shift in the given zone, not UTC", () => {
    // 05:30 UTC Monday is 14:30 JST Monday.
    expect(isOnShift(day, new Date("2026-03-09T05:30:00Z"), "Asia/Tokyo")).toBe(true);
    expect(isOnShift(day, new Date("2026-03-09T05:30:00Z"), "UTC")).toBe(false);
  });

  it("treats start = end as no shift and 0–1440 as all day", () => {
    expect(
      isOnShift({ ...day, shiftStartMin: 600, shiftEndMin: 600 }, jst("2026-03-09T10:00"), "Asia/Tokyo"),
    ).toBe(false);
    expect(
      isOnShift({ ...day, shiftStartMin: 0, shiftEndMin: 1440 }, jst("2026-03-09T23:59"), "Asia/Tokyo"),
    ).toBe(true);
  });
});

describe("pickAssignee", () => {
  it("picks the lowest load ratio after adding the ticket's weight", () => {
    const result = pickAssignee(ticket, [agent("a", { load: 6 }), agent("b", { load: 6, capacity: 20 })]);
    expect(result.assigneeId).toBe("b");
    expect(result.reason.rule).toBe("least_loaded");
    expect(result.reason.decidedBy).toBe("load_ratio");
    expect(result.reason.candidates[0]).toEqual({
      id: "b",
      eligible: true,
      load: 6,
      capacity: 20,
      loadRatio: 0.4,
    });
  });

  it("explains why agents are not eligible", () => {
    const result = pickAssignee({ ...ticket, language: "en" }, [
      agent("skill", { skills: ["menu_update"] }),
      agent("lang", { languages: ["ja"] }),
      agent("shift", { onShift: false }),
      agent("full", { load: 9 }),
      agent("ok", { load: 8 }),
    ]);
    expect(result.assigneeId).toBe("ok");
    expect(result.reason.decidedBy).toBe("only_candidate");
    expect(result.reason.candidates.map((c) => [c.id, c.eligible, c.why])).toEqual([
      ["ok", true, undefined],
      ["skill", false, "no skill for order_issue"],
      ["lang", false, "does not speak en"],
      ["shift", false, "off shift"],
      ["full", false, "would exceed capacity (9 + 2 > 10)"],
    ]);
  });

  it("fills an agent exactly to capacity but never beyond", () => {
    const p1 = { ...ticket, priority: "P1" } as const;
    expect(pickAssignee(p1, [agent("a", { load: 6 })]).assigneeId).toBe("a");
    expect(pickAssignee(p1, [agent("a", { load: 7 })]).assigneeId).toBeNull();
  });

  it("breaks ties round-robin: never assigned first, then assigned longest ago, then id", () => {
    const agents = [
      agent("c", { lastAssignedAt: jst("2026-03-09T10:00") }),
      agent("b", { lastAssignedAt: jst("2026-03-09T09:00") }),
      agent("a", { lastAssignedAt: jst("2026-03-09T11:00") }),
    ];
    expect(pickAssignee(ticket, agents)).toMatchObject({
      assigneeId: "b",
      reason: { decidedBy: "round_robin" },
    });
    const withNew = [...agents, agent("z")];
    expect(pickAssignee(ticket, withNew).assigneeId).toBe("z");
    expect(pickAssignee(ticket, [agent("y"), agent("x")])).toMatchObject({
      assigneeId: "x",
      reason: { decidedBy: "agent_id" },
    });
  });

  it("says no_eligible_agent when nobody matches and all_at_capacity when matching agents are full", () => {
    expect(pickAssignee(ticket, [])).toEqual({
      assigneeId: null,
      reason: { rule: "no_eligible_agent", weight: priorityWeight("P3"), candidates: [], decidedBy: "none" },
    });
    expect(pickAssignee(ticket, [agent("a", { onShift: false })]).reason.rule).toBe("no_eligible_agent");
    const full = pickAssignee(ticket, [agent("a", { load: 10 }), agent("b", { onShift: false })]);
    expect(full.assigneeId).toBeNull();
    expect(full.reason.rule).toBe("all_at_capacity");
  });

  it("matches languages case-insensitively and never picks an agent without capacity", () => {
    expect(pickAssignee({ ...ticket, language: "EN" }, [agent("a", { languages: ["en"] })]).assigneeId).toBe(
      "a",
    );
    const zero = pickAssignee(ticket, [agent("a", { capacity: 0 })]);
    expect(zero.assigneeId).toBeNull();
    expect(zero.reason.candidates[0]?.loadRatio).toBeNull();
  });
});

const category = fc.constantFrom(...TICKET_CATEGORIES.slice(0, 4));
const arbAgent = (id: string): fc.Arbitrary<RoutingAgent> =>
  fc.record({
    id: fc.constant(id),
    skills: fc.uniqueArray(category, { minLength: 1 }),
    languages: fc.subarray(["ja", "en", "zh"], { minLength: 1 }),
    capacity: fc.integer({ min: 0, max: 16 }),
    load: fc.integer({ min: 0, max: 16 }),
    onShift: fc.boolean(),
    lastAssignedAt: fc.option(fc.integer({ min: 0, max: 5 }).map((h) => new Date(Date.UTC(2026, 2, 9, h)))),
  });
const arbAgents = fc
  .uniqueArray(fc.stringMatching(/^[a-f]{1,3}$/), { maxLength: 8 })
  .chain((ids) => fc.tuple(...ids.map(arbAgent)));
const arbTicket = fc.record({
  category: category as fc.Arbitrary<TicketCategory>,
  priority: fc.constantFrom(...TICKET_PRIORITIES),
  language: fc.constantFrom("ja", "en", "zh"),
});

describe("pickAssignee properties", () => {
  it("never overfills and no fitting agent has a strictly lower resulting load ratio", () => {
    fc.assert(
      fc.property(arbTicket, arbAgents, (t, agents) => {
        const w = priorityWeight(t.priority);
        const fits = (a: RoutingAgent) =>
          a.onShift &&
          a.skills.includes(t.category) &&
          a.languages.includes(t.language) &&
          a.load + w <= a.capacity;
        const result = pickAssignee(t, agents);
        const chosen = agents.find((a) => a.id === result.assigneeId);
        if (chosen === undefined) {
          expect(result.assigneeId).toBeNull();
          expect(agents.some(fits)).toBe(false);
          return;
        }
        expect(fits(chosen)).toBe(true);
        expect(chosen.load + w).toBeLessThanOrEqual(chosen.capacity);
        const ratio = (a: RoutingAgent) => (a.load + w) / a.capacity;
        for (const other of agents.filter(fits)) expect(ratio(other)).toBeGreaterThanOrEqual(ratio(chosen));
      }),
    );
  });

  it("does not depend on the order agents are listed in", () => {
    fc.assert(
      fc.property(arbTicket, arbAgents, fc.infiniteStream(fc.nat()), (t, agents, seeds) => {
        const shuffled = [...agents];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (seeds.next().value ?? 0) % (i + 1);
          const [x, y] = [shuffled[i], shuffled[j]];
          if (x === undefined || y === undefined) throw new Error("index out of range");
          [shuffled[i], shuffled[j]] = [y, x];
        }
        expect(pickAssignee(t, shuffled).assigneeId).toBe(pickAssignee(t, agents).assigneeId);
      }),
    );
  });
});
