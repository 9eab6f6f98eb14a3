import { describe, expect, it } from "vitest";
import { INCIDENT_STATES, isOpen, milestonesOf, nextStates, transition } from "./state-machine.ts";

describe("incident state machine", () => {
  it("walks the plan's happy path", () => {
    const path = [
      "detected",
      "triaged",
      "investigating",
      "identified",
      "mitigating",
      "resolved",
      "postmortem",
    ] as const;
    for (let i = 1; i < path.length; i++) expect(transition(path[i - 1]!, path[i]!)).toEqual({ ok: true });
  });

  it("escalates on the way and comes back into the investigation", () => {
    expect(transition("triaged", "escalated").ok).toBe(true);
    expect(transition("escalated", "mitigating").ok).toBe(true);
    expect(transition("resolved", "escalated")).toEqual({
      ok: false,
      reason: "A resolved incident can only reopen into investigating or go to its postmortem",
    });
  });

  it("refuses skipped steps and final states with a reason", () => {
    expect(transition("detected", "mitigating")).toEqual({
      ok: false,
      reason: "A detected incident must become triaged before mitigating",
    });
    expect(transition("postmortem", "investigating").ok).toBe(false);
    expect(transition("investigating", "postmortem")).toEqual({
      ok: false,
      reason: "Only a resolved incident can go to its postmortem",
    });
    expect(transition("triaged", "triaged")).toEqual({
      ok: false,
      reason: "The incident is already triaged",
    });
  });

  it("every refused move has a reason and every state but postmortem has a way on", () => {
    for (const from of INCIDENT_STATES) {
      for (const to of INCIDENT_STATES) {
        const result = transition(from, to);
        expect(result.ok).toBe(nextStates(from).includes(to));
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
      }
      expect(nextStates(from).length === 0).toBe(from === "postmortem");
    }
    expect(isOpen("escalated")).toBe(true);
    expect(isOpen("resolved")).toBe(false);
  });

  it("names the response milestones a move meets", () => {
    expect(milestonesOf("detected", "triaged")).toEqual({ acknowledged: true, mitigated: false });
    expect(milestonesOf("identified", "mitigating")).toEqual({ acknowledged: false, mitigated: true });
    // The sweep escalated it unacknowledged: the first person to move it on acknowledges.
    expect(milestonesOf("escalated", "investigating")).toEqual({ acknowledged: true, mitigated: false });
  });
});
