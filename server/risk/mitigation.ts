import {
  isRiskResolution,
  type MitigationStatus,
  type RiskCaseStatus,
  type RiskResolution,
} from "./types.ts";

// Mitigation actions move todo → in_progress → completed, or to cancelled from todo or
// in_progress. Refusals carry a stable `reason` the REST API maps to 409 Conflict.

const MITIGATION_TRANSITIONS: Readonly<Record<MitigationStatus, readonly MitigationStatus[]>> = {
  todo: ["in_progress", "cancelled"],
  in_progress: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

export function canTransition(from: MitigationStatus, to: MitigationStatus): boolean {
  return MITIGATION_TRANSITIONS[from].includes(to);
}

function isFinished(status: MitigationStatus): boolean {
  return status === "completed" || status === "cancelled";
}

export interface MitigationActionState {
  status: MitigationStatus;
  startedAt?: Date | null;
  completedAt?: Date | null;
  result?: string | null;
  note?: string | null;
}

type ActionRefusal = "not_todo" | "not_in_progress" | "already_finished";

export type ActionTransition<T> =
  { ok: true; action: T } | { ok: false; reason: ActionRefusal; message: string };

const STATUS_WORDS: Record<MitigationStatus, string> = {
  todo: "not started yet",
  in_progress: "in progress",
  completed: "already completed",
  cancelled: "cancelled",
};

function refuse(reason: ActionRefusal, status: MitigationStatus, verb: string) {
  return { ok: false as const, reason, message: `Cannot ${verb} an action that is ${STATUS_WORDS[status]}.` };
}

export function startAction<T extends MitigationActionState>(action: T, now: Date): ActionTransition<T> {
  if (action.status !== "todo") return refuse("not_todo", action.status, "start");
  return { ok: true, action: { ...action, status: "in_progress", startedAt: now } };
}

/** Only a started action can be completed: "done" without a start time would be unauditable. */
export function completeAction<T extends MitigationActionState>(
  action: T,
  now: Date,
  result?: string,
): ActionTransition<T> {
  if (action.status !== "in_progress") return refuse("not_in_progress", action.status, "complete");
  return {
    ok: true,
    action: { ...action, status: "completed", completedAt: now, ...(result === undefined ? {} : { result }) },
  };
}

export function cancelAction<T extends MitigationActionState>(action: T, note?: string): ActionTransition<T> {
  if (isFinished(action.status)) return refuse("already_finished", action.status, "cancel");
  return { ok: true, action: { ...action, status: "cancelled", ...(note === undefined ? {} : { note }) } };
}

/** A case can close once no action is left to do or in progress (no actions at all is fine). */
export function canCloseCase(actions: readonly Pick<MitigationActionState, "status">[]): boolean {
  return actions.every((a) => isFinished(a.status));
}

/** An open case becomes "mitigating" once work on any action has started. */
export function caseStatusFor(
  status: RiskCaseStatus,
  actions: readonly Pick<MitigationActionState, "status">[],
): RiskCaseStatus {
  if (status !== "open") return status;
  return actions.some((a) => a.status === "in_progress" || a.status === "completed") ? "mitigating" : "open";
}

const RESOLUTION_NOTE_MAX_LENGTH = 2000;

export interface CloseCaseInput {
  status: RiskCaseStatus;
  actions: readonly Pick<MitigationActionState, "status">[];
  /** Unvalidated, as received from the API. */
  resolution: string;
  note?: string | null;
  now: Date;
}

export type CloseRefusal =
  | "already_closed"
  | "invalid_resolution"
  | "actions_pending"
  | "nothing_mitigated"
  | "note_required"
  | "note_too_long";

interface CaseClosure {
  status: "closed";
  resolution: RiskResolution;
  resolutionNote: string | null;
  closedAt: Date;
  /** Releases the dedupe key so the next signal for the subject opens a new case. */
  openKey: null;
}

export type CloseCaseResult =
  { ok: true; patch: CaseClosure } | { ok: false; reason: CloseRefusal; message: string };

export function closeCase(input: CloseCaseInput): CloseCaseResult {
  const fail = (reason: CloseRefusal, message: string): CloseCaseResult => ({ ok: false, reason, message });
  if (input.status === "closed") return fail("already_closed", "The case is already closed.");
  if (!isRiskResolution(input.resolution)) {
    return fail("invalid_resolution", "Resolution must be confirmed_fraud, mitigated or false_positive.");
  }
  const resolution = input.resolution;
  if (!canCloseCase(input.actions)) {
    return fail("actions_pending", "Complete or cancel every mitigation action before closing the case.");
  }
  if (resolution === "mitigated" && !input.actions.some((a) => a.status === "completed")) {
    return fail("nothing_mitigated", "A case resolved as mitigated needs at least one completed action.");
  }
  const note = input.note?.trim() ?? "";
  // False positives become backtest labels; the note is what tells rule authors why.
  if (resolution === "false_positive" && note === "") {
    return fail("note_required", "Explain why the case is a false positive.");
  }
  if (note.length > RESOLUTION_NOTE_MAX_LENGTH) {
    return fail("note_too_long", `The note must be at most ${RESOLUTION_NOTE_MAX_LENGTH} characters.`);
  }
  return {
    ok: true,
    patch: {
      status: "closed",
      resolution,
      resolutionNote: note === "" ? null : note,
      closedAt: input.now,
      openKey: null,
    },
  };
}
