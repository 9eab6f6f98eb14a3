import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TICKET_STATUSES, canTransition, nextStatuses, transition, type TicketStatus } from "./status";

const status = fc.constantFrom(...TICKET_STATUSES);

describe("ticket status machine", () => {
  it("follows the lifecycle new → open → pending → open → resolved → closed", () => {
    const path: TicketStatus[] = ["new", "open", "pending", "open", "resolved", "closed"];
    for (let i = 1; i < path.length; i++) {
      const from = path[i - 1];
      const to = path[i];
      if (from === undefined || to === undefined) throw new Error("bad path");
      expect(transition(from, to)).toEqual({ ok: true });
    }
  });

  it("allows the shortcuts from the spec", () => {
    expect(canTransition("new", "pending")).toBe(true);
    expect(canTransition("new", "resolved")).toBe(true);
    expect(canTransition("open", "resolved")).toBe(true);
    expect(canTransition("pending", "resolved")).toBe(true);
    expect(canTransition("resolved", "open")).toBe(true);
  });

  it("lists the allowed next statuses for menus", () => {
    expect(nextStatuses("new")).toEqual(["open", "pending", "resolved"]);
    expect(nextStatuses("open")).toEqual(["pending", "resolved"]);
    expect(nextStatuses("pending")).toEqual(["open", "resolved"]);
    expect(nextStatuses("resolved")).toEqual(["open", "closed"]);
    expect(nextStatuses("closed")).toEqual([]);
  });

  it("refuses reopening a closed ticket with a human reason", () => {
    expect(transition("closed", "open")).toEqual({
      ok: false,
      reason: "A closed ticket cannot be reopened; create a follow-up ticket",
    });
  });

  it("refuses staying in the same status", () => {
    expect(transition("open", "open")).toEqual({ ok: false, reason: "already open" });
    expect(transition("closed", "closed")).toEqual({ ok: false, reason: "already closed" });
  });

  it("explains the other refusals", () => {
    expect(transition("open", "new")).toEqual({
      ok: false,
      reason: "A ticket cannot go back to new once it has been triaged",
    });
    expect(transition("open", "closed")).toEqual({
      ok: false,
      reason: "Only a resolved ticket can be closed; resolve it first",
    });
    expect(transition("resolved", "pending")).toEqual({
      ok: false,
      reason: "A resolved ticket must be reopened before it can wait on the customer",
    });
  });

  it("agrees between canTransition, transition and nextStatuses", () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        const result = transition(from, to);
        expect(result.ok).toBe(canTransition(from, to));
        expect(nextStatuses(from).includes(to)).toBe(result.ok);
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
        if (from === to) expect(result.ok).toBe(false);
      }),
    );
  });

  it("makes closed final and reachable only from resolved", () => {
    for (const s of TICKET_STATUSES) {
      expect(canTransition("closed", s)).toBe(false);
      expect(canTransition(s, "closed")).toBe(s === "resolved");
    }
  });
});
