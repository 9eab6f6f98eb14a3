import { describe, expect, it } from "vitest";
import {
  canCloseCase,
  cancelAction,
  canTransition,
  caseStatusFor,
  closeCase,
  completeAction,
  startAction,
  type MitigationActionState,
} from "./mitigation.ts";
import { hoursAfter, T0 } from "./test-support.ts";
import { MITIGATION_STATUSES, type MitigationStatus } from "./types.ts";

const action = (status: MitigationStatus) => ({
  id: "a1",
  kind: "hold_payouts",
  status,
  startedAt: null,
  completedAt: null,
});

describe("action state machine", () => {
  it("allows exactly todo → in_progress | cancelled and in_progress → completed | cancelled", () => {
    const allowed = MITIGATION_STATUSES.flatMap((from) =>
      MITIGATION_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed).toEqual([
      "todo->in_progress",
      "todo->cancelled",
      "in_progress->completed",
      "in_progress->cancelled",
    ]);
  });

  it("starts then completes an action, stamping times and keeping other fields", () => {
    const started = startAction(action("todo"), T0);
    expect(started).toEqual({ ok: true, action: { ...action("in_progress"), startedAt: T0 } });
    if (!started.ok) return;
    const done = completeAction(started.action, hoursAfter(1), "Payouts frozen in the payment console.");
    expect(done).toEqual({
      ok: true,
      action: {
        ...action("completed"),
        startedAt: T0,
        completedAt: hoursAfter(1),
        result: "Payouts frozen in the payment console.",
      },
    });
  });

  it("refuses to complete an action that is not in progress (409)", () => {
    for (const status of ["todo", "completed", "cancelled"] as const) {
      const result = completeAction(action(status), T0);
      expect(result).toMatchObject({ ok: false, reason: "not_in_progress" });
    }
    expect(completeAction(action("todo"), T0)).toEqual({
      ok: false,
      reason: "not_in_progress",
      message: "Cannot complete an action that is not started yet.",
    });
  });

  it("refuses to start anything but a todo action", () => {
    expect(startAction(action("in_progress"), T0)).toMatchObject({ ok: false, reason: "not_todo" });
    expect(startAction(action("cancelled"), T0)).toMatchObject({ ok: false, reason: "not_todo" });
  });

  it("cancels open actions only", () => {
    expect(cancelAction(action("todo"), "Duplicate of the payments team's block.")).toEqual({
      ok: true,
      action: { ...action("cancelled"), note: "Duplicate of the payments team's block." },
    });
    expect(cancelAction(action("in_progress"))).toMatchObject({ ok: true, action: { status: "cancelled" } });
    expect(cancelAction(action("completed"))).toMatchObject({ ok: false, reason: "already_finished" });
  });
});

describe("case closure", () => {
  const finished: MitigationActionState[] = [{ status: "completed" }, { status: "cancelled" }];

  it("can close when every action is completed or cancelled", () => {
    expect(canCloseCase([])).toBe(true);
    expect(canCloseCase(finished)).toBe(true);
    expect(canCloseCase([...finished, { status: "in_progress" }])).toBe(false);
    expect(canCloseCase([{ status: "todo" }])).toBe(false);
  });

  it("moves an open case to mitigating once work starts", () => {
    expect(caseStatusFor("open", [{ status: "todo" }])).toBe("open");
    expect(caseStatusFor("open", [{ status: "in_progress" }])).toBe("mitigating");
    expect(caseStatusFor("closed", [{ status: "in_progress" }])).toBe("closed");
  });

  it("closes with a resolution, a trimmed note and a released dedupe key", () => {
    expect(
      closeCase({
        status: "mitigating",
        actions: finished,
        resolution: "mitigated",
        note: "  Done. ",
        now: T0,
      }),
    ).toEqual({
      ok: true,
      patch: {
        status: "closed",
        resolution: "mitigated",
        resolutionNote: "Done.",
        closedAt: T0,
        openKey: null,
      },
    });
    expect(closeCase({ status: "open", actions: [], resolution: "confirmed_fraud", now: T0 })).toMatchObject({
      ok: true,
      patch: { resolutionNote: null },
    });
  });

  it.each([
    [{ status: "closed" as const }, "already_closed"],
    [{ resolution: "fraud" }, "invalid_resolution"],
    [{ actions: [{ status: "todo" as const }] }, "actions_pending"],
    [{ resolution: "mitigated", actions: [{ status: "cancelled" as const }] }, "nothing_mitigated"],
    [{ resolution: "false_positive", note: "   " }, "note_required"],
    [{ note: "x".repeat(2001) }, "note_too_long"],
  ])("refuses %o with %s", (overrides, reason) => {
    const input = {
      status: "open" as const,
      actions: [],
      resolution: "confirmed_fraud",
      now: T0,
      ...overrides,
    };
    expect(closeCase(input)).toMatchObject({ ok: false, reason });
  });

  it("accepts a false positive with an explanation", () => {
    const result = closeCase({
      status: "open",
      actions: [],
      resolution: "false_positive",
      note: "Office party order.",
      now: T0,
    });
    expect(result).toMatchObject({ ok: true, patch: { resolution: "false_positive" } });
  });
});
