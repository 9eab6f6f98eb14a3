import type { Role } from "../auth/permissions.ts";
import type { ResolvedCandidates } from "./runtime.ts";
import type { Candidates, WorkflowTemplate } from "./template.ts";

// Who may act on each step, resolved once when a round starts (a snapshot, as approval systems generate their
// approver lists): named people, holders of a role, members of a team, the initiator, the bound object's owner,
// and integrations (an API client owning a step it completes or approves over REST).

export interface Person {
  id: string;
  email: string;
  roles: readonly Role[];
  teamKey: string | null;
  /** Set for an integration: its API client id (its `id` is the client's row id, the actor id it decides as). */
  clientId?: string;
}

export interface CandidateQuery {
  roles: Role[];
  teamKeys: string[];
  emails: string[];
  clientIds: string[];
}

function allCandidates(template: WorkflowTemplate): Candidates[] {
  return template.steps.flatMap((step) => {
    if (step.kind === "task") return [step.candidates];
    if (step.kind !== "approval") return [];
    const groups = step.mode.type === "per_group" ? step.mode.groups.map((g) => g.candidates) : [];
    return [...(step.approvers ? [step.approvers] : []), ...groups];
  });
}

/** The people to look up for a template: one query for every step. */
export function candidateQuery(template: WorkflowTemplate): CandidateQuery {
  const candidates = allCandidates(template);
  return {
    roles: [...new Set(candidates.flatMap((c) => c.roles ?? []))],
    teamKeys: [...new Set(candidates.flatMap((c) => c.teams ?? []))],
    emails: [...new Set(candidates.flatMap((c) => c.users ?? []))],
    clientIds: [...new Set(candidates.flatMap((c) => c.clients ?? []))],
  };
}

function resolve(
  candidates: Candidates | undefined,
  people: readonly Person[],
  known: { initiatorId: string; boundOwnerId: string | null },
): string[] {
  if (!candidates) return [];
  const ids = new Set<string>();
  if (candidates.assignee === "initiator") ids.add(known.initiatorId);
  if (candidates.assignee === "bound_owner" && known.boundOwnerId) ids.add(known.boundOwnerId);
  for (const person of people) {
    const named =
      person.clientId === undefined
        ? candidates.users?.includes(person.email)
        : candidates.clients?.includes(person.clientId);
    const byRole = candidates.roles?.some((role) => person.roles.includes(role));
    const byTeam = person.teamKey !== null && candidates.teams?.includes(person.teamKey);
    if (named || byRole || byTeam) ids.add(person.id);
  }
  return [...ids];
}

export function resolveCandidates(
  template: WorkflowTemplate,
  people: readonly Person[],
  known: { initiatorId: string; boundOwnerId: string | null },
): Record<string, ResolvedCandidates> {
  return Object.fromEntries(
    template.steps.map((step) => {
      if (step.kind === "task")
        return [step.key, { ownerIds: resolve(step.candidates, people, known), groups: [] }];
      if (step.kind !== "approval") return [step.key, { ownerIds: [], groups: [] }];
      const groups =
        step.mode.type === "per_group"
          ? step.mode.groups.map((g) => ({ key: g.key, userIds: resolve(g.candidates, people, known) }))
          : [];
      return [step.key, { ownerIds: resolve(step.approvers, people, known), groups }];
    }),
  );
}
