import type { ApprovalMode, StepRun } from "./runtime-types.ts";

// Whether an approval step has the answers its mode asks for. Answers count per owner (a delegate's answer counts
// for the owner who delegated); a skip-level decision settles the step whatever the mode.

export interface Tally {
  satisfied: boolean;
  /** Distinct answers so far, and the number the mode needs (per_group: groups answered / groups). */
  approved: number;
  needed: number;
}

/**
 * @param minimumApprovers people who must approve at least (the amount-threshold policy asks for 2): distinct
 *   persons, not owners, so one delegate answering for two owners does not make two approvers.
 */
export function tallyApprovals(
  step: Pick<StepRun, "ownerIds" | "groups" | "approvals">,
  mode: ApprovalMode,
  minimumApprovers = 1,
): Tally {
  if (step.approvals.some((a) => a.via === "skip_level")) return { satisfied: true, approved: 1, needed: 1 };
  const owners = new Set(step.approvals.map((a) => a.for).filter((id): id is string => id !== null));
  const people = new Set(step.approvals.map((a) => a.by)).size;
  const base = modeTally(step, mode, owners);
  return {
    satisfied: base.satisfied && people >= minimumApprovers,
    approved: base.approved,
    needed: Math.max(base.needed, minimumApprovers),
  };
}

function modeTally(
  step: Pick<StepRun, "ownerIds" | "groups">,
  mode: ApprovalMode,
  owners: ReadonlySet<string>,
): { satisfied: boolean; approved: number; needed: number } {
  switch (mode.type) {
    case "any":
      return { satisfied: owners.size >= 1, approved: owners.size, needed: 1 };
    case "n_of":
      return { satisfied: owners.size >= mode.n, approved: owners.size, needed: mode.n };
    case "all": {
      const answered = step.ownerIds.filter((id) => owners.has(id)).length;
      return {
        satisfied: step.ownerIds.length > 0 && answered === step.ownerIds.length,
        approved: answered,
        needed: step.ownerIds.length,
      };
    }
    case "percent": {
      const needed = Math.max(1, Math.ceil((step.ownerIds.length * mode.percent) / 100));
      const answered = step.ownerIds.filter((id) => owners.has(id)).length;
      return { satisfied: answered >= needed, approved: answered, needed };
    }
    case "per_group": {
      const answered = step.groups.filter((group) => group.userIds.some((id) => owners.has(id))).length;
      return { satisfied: answered === step.groups.length, approved: answered, needed: step.groups.length };
    }
  }
}

/** Whether the mode can still be met by the pool at all (a step needing 3 of 2 people never completes). */
export function poolCanSatisfy(
  step: Pick<StepRun, "ownerIds" | "groups">,
  mode: ApprovalMode,
  minimumApprovers = 1,
): boolean {
  const pool = new Set([...step.ownerIds, ...step.groups.flatMap((g) => g.userIds)]);
  if (pool.size < minimumApprovers) return false;
  switch (mode.type) {
    case "any":
    case "all":
    case "percent":
      return step.ownerIds.length > 0;
    case "n_of":
      return step.ownerIds.length >= mode.n;
    case "per_group":
      return step.groups.length > 0 && step.groups.every((g) => g.userIds.length > 0);
  }
}
