import type { Role } from "../auth/permissions.ts";
import type { ApprovalMode, StepKind } from "./template.ts";

// The engine's plain data: an instance and its current round's steps, the decisions people (and the system)
// take, what a decision changes, and why one is refused. No database here: runtime.ts works on these.

export const INSTANCE_STATES = [
  "draft",
  "pending",
  "in_progress",
  "approved",
  "rejected",
  "changes_requested",
  "cancelled",
  "completed",
] as const;
export type InstanceState = (typeof INSTANCE_STATES)[number];

/** States in which the instance waits for its steps to be decided. */
export const OPEN_STATES: readonly InstanceState[] = ["pending", "in_progress"];

/**
 * blocked: not reached yet; active: waiting for people (or an event, or its timer); holding: a wait step's
 * condition holds and must keep holding; done: finished (a task done, an approval approved, an event seen, a timer
 * run out); rejected / returned: its approval refused or sent back for changes; cancelled: the round ended without it.
 */
type StepState = "blocked" | "active" | "holding" | "done" | "rejected" | "returned" | "cancelled";

export interface Approval {
  /** The person who approved. */
  by: string;
  /** The owner whose answer it is: `by` itself, the owner who delegated to `by`, or null for a skip-level. */
  for: string | null;
  via: "self" | "delegate" | "skip_level";
  at: string;
}

export interface StepRun {
  key: string;
  kind: StepKind;
  position: number;
  state: StepState;
  /** Everyone who may act on the step, resolved from its candidates when the round starts. */
  ownerIds: string[];
  /** Roles named as candidates (shown to people; the owners were resolved from them). */
  candidateRoles: Role[];
  /** per_group approvals: each group's people. */
  groups: { key: string; userIds: string[] }[];
  /** The owner keeps responsibility; the delegate may answer in the owner's name. */
  delegations: { from: string; to: string }[];
  approvals: Approval[];
  /** Checklist items ticked (a task is done with all of them). */
  checked: string[];
  activatedAt: string | null;
  dueAt: string | null;
  doneAt: string | null;
  doneById: string | null;
  /** A wait step: when its condition began to hold. */
  heldSince: string | null;
}

export interface InstanceRun {
  state: InstanceState;
  round: number;
  initiatorId: string;
  /** The bound object's id, for "$bound" in event conditions; null when unbound. */
  boundId: string | null;
  amount: number | null;
  context: Record<string, string | number | boolean>;
  steps: StepRun[];
  /** Who did what on which step in every round so far (earlier actors may not approve later steps). */
  history: { round: number; position: number; actorId: string; action: DecisionType }[];
}

/** What the runtime knows of whoever decides. */
export interface DeciderFacts {
  /** null for the system (a scheduled job or an event consumer). */
  id: string | null;
  roles: readonly Role[];
  /** People this person manages (members of the teams they lead): skip-level and reassignment rights. */
  manages: readonly string[];
}

export type Decision =
  | { type: "submit" }
  | { type: "complete"; stepKey: string; checked?: string[]; note?: string }
  | { type: "approve"; stepKey: string; comment?: string }
  | { type: "reject"; stepKey: string; reason: string }
  | { type: "request_changes"; stepKey: string; reason: string }
  | { type: "resubmit"; comment?: string }
  | { type: "delegate"; stepKey: string; to: string }
  | { type: "reassign"; stepKey: string; from: string; to: string }
  | { type: "recall"; reason?: string }
  | { type: "skip_level"; stepKey: string; comment?: string }
  | { type: "cancel"; reason: string }
  | { type: "complete_all"; reason: string }
  | { type: "event"; eventType: string; payload: Record<string, unknown> }
  | { type: "tick" };
export type DecisionType = Decision["type"];

/** Decisions on a step's content: acting on one makes a person an "earlier actor" for later approvals. */
export const ACTING_DECISIONS: readonly DecisionType[] = [
  "complete",
  "approve",
  "reject",
  "request_changes",
  "skip_level",
];

export type RefusalReason =
  | "instance_not_open"
  | "step_not_found"
  | "step_not_active"
  | "step_kind_mismatch"
  | "not_a_candidate"
  | "required_role_missing"
  | "approver_is_initiator"
  | "approver_acted_on_earlier_step"
  | "already_approved"
  | "reason_required"
  | "checklist_incomplete"
  | "not_initiator"
  | "not_allowed"
  | "not_stalled"
  | "invalid_delegate";

export interface Refusal {
  reason: RefusalReason;
  message: string;
}

/** What a decision changed, for the events and the audit trail. */
export type Effect =
  | {
      type: "step_assigned";
      stepKey: string;
      userIds: string[];
      why: "activated" | "delegated" | "reassigned";
    }
  | { type: "step_done"; stepKey: string; kind: StepKind; outcome: "done" | "approved" }
  | { type: "approval_recorded"; stepKey: string; approved: number; needed: number }
  | { type: "escalated"; stepKey: string; by: string }
  | { type: "state"; from: InstanceState; to: InstanceState; reason?: string };

export type DecisionOutcome =
  { ok: true; instance: InstanceRun; effects: Effect[] } | { ok: false; refusal: Refusal };

export type { ApprovalMode };
