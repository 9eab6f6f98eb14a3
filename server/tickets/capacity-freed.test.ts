import { describe, expect, it } from "vitest";
import { capacityFreedReason, freedCapacity } from "./capacity-freed";

const TICKET = "0190a000-0000-7000-8000-000000000001";
const AGENT = "0190a000-0000-7000-8000-000000000002";
const TEAM = "0190a000-0000-7000-8000-000000000003";
const on = (type: string, payload: unknown, aggregateId = TICKET) =>
  freedCapacity({ type, aggregateId, payload });

describe("freedCapacity", () => {
  it("frees the ticket's team when an open ticket stops counting, and nothing for moves between open states", () => {
    expect(on("TicketStatusUpdated", { from: "open", to: "resolved" })).toEqual({
      team: { ticketId: TICKET },
      ticketId: TICKET,
      cause: { kind: "status", to: "resolved" },
    });
    expect(on("TicketStatusUpdated", { from: "pending", to: "closed" })?.cause).toEqual({
      kind: "status",
      to: "closed",
    });
    expect(on("TicketStatusUpdated", { from: "new", to: "open" })).toBeNull();
    expect(on("TicketStatusUpdated", { from: "open", to: "pending" })).toBeNull();
    // A reopened ticket takes room, a resolved ticket closing frees none it still held.
    expect(on("TicketStatusUpdated", { from: "resolved", to: "open" })).toBeNull();
    expect(on("TicketStatusUpdated", { from: "resolved", to: "closed" })).toBeNull();
  });

  it("frees the previous assignee's team when a ticket is taken from them, not when a waiting one is given out", () => {
    expect(on("TicketAssigned", { from: AGENT, to: null, decidedBy: "manual" })).toEqual({
      team: { agentId: AGENT },
      ticketId: TICKET,
      cause: { kind: "unassigned" },
    });
    expect(on("TicketAssigned", { from: AGENT, to: TEAM })?.cause).toEqual({ kind: "reassigned" });
    expect(
      on("TicketAssigned", { from: null, to: AGENT, decidedBy: "auto", rule: "least_loaded" }),
    ).toBeNull();
  });

  it("frees room when a priority goes down (a lighter weight), not up or for other field changes", () => {
    expect(on("TicketUpdated", { changes: { priority: { from: "P1", to: "P3" } } })?.cause).toEqual({
      kind: "priority_lowered",
      to: "P3",
    });
    expect(on("TicketUpdated", { changes: { priority: { from: "P4", to: "P2" } } })).toBeNull();
    expect(on("TicketUpdated", { changes: { category: { from: "payment", to: "order_issue" } } })).toBeNull();
  });

  it("routes for an agent's team when their routing profile changes or they come back", () => {
    const profile = { roles: ["support_agent"], teamId: TEAM, agentProfile: { capacity: 12, skills: [] } };
    expect(on("UserUpdated", profile, AGENT)).toEqual({
      team: { teamId: TEAM },
      ticketId: null,
      cause: { kind: "agent_profile_updated" },
    });
    expect(on("UserUpdated", { ...profile, agentProfile: null }, AGENT)).toBeNull();
    expect(on("UserUpdated", { ...profile, teamId: null }, AGENT)).toBeNull();
    expect(on("UserReactivated", {}, AGENT)?.team).toEqual({ agentId: AGENT });
  });

  it("refuses a payload that does not match its event type instead of skipping it silently", () => {
    expect(() => on("TicketStatusUpdated", { from: "open" })).toThrow();
    expect(on("TicketCommented", { commentId: "x" })).toBeNull();
  });
});

describe("capacityFreedReason", () => {
  it("names the ticket and what happened to it", () => {
    const resolved = on("TicketStatusUpdated", { from: "open", to: "resolved" });
    if (resolved === null) throw new Error("expected freed capacity");
    expect(capacityFreedReason(resolved, 1042)).toBe("capacity freed by ticket #1042 moved to resolved");
    const unassigned = on("TicketAssigned", { from: AGENT, to: null });
    if (unassigned === null) throw new Error("expected freed capacity");
    expect(capacityFreedReason(unassigned, null)).toBe(
      "capacity freed by a ticket unassigned from its agent",
    );
  });
});
