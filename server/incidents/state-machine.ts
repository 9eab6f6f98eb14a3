// The incident lifecycle of the operations plan. Escalated is a detour taken "on the way": from any working state
// before Resolved, and back into the investigation. PostMortem is final here; the workflow engine's postmortem
// reacts to IncidentResolved and moves the incident on.

export const INCIDENT_STATES = [
  "detected",
  "triaged",
  "investigating",
  "identified",
  "mitigating",
  "escalated",
  "resolved",
  "postmortem",
] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export type TransitionResult = { ok: true } | { ok: false; reason: string };

const WORKING = ["detected", "triaged", "investigating", "identified", "mitigating"] as const;

const ALLOWED: Record<IncidentState, readonly IncidentState[]> = {
  detected: ["triaged", "escalated", "resolved"],
  triaged: ["investigating", "escalated", "resolved"],
  investigating: ["identified", "escalated", "resolved"],
  identified: ["mitigating", "escalated", "resolved"],
  mitigating: ["resolved", "escalated", "investigating"],
  escalated: ["investigating", "identified", "mitigating", "resolved"],
  resolved: ["postmortem", "investigating"],
  postmortem: [],
};

/** Open incidents take new members; resolved and later ones do not. */
export function isOpen(state: IncidentState): boolean {
  return state !== "resolved" && state !== "postmortem";
}

export function nextStates(from: IncidentState): readonly IncidentState[] {
  return ALLOWED[from];
}

export function transition(from: IncidentState, to: IncidentState): TransitionResult {
  if (ALLOWED[from].includes(to)) return { ok: true };
  return { ok: false, reason: refusal(from, to) };
}

function refusal(from: IncidentState, to: IncidentState): string {
  if (from === to) return `The incident is already ${from}`;
  if (from === "postmortem")
    return "The postmortem is the final state: declare a new incident linked to this one";
  if (to === "detected") return "An incident cannot go back to detected once it has been triaged";
  if (to === "postmortem") return "Only a resolved incident can go to its postmortem";
  if (from === "resolved")
    return "A resolved incident can only reopen into investigating or go to its postmortem";
  if (to === "escalated") return `A ${from} incident cannot be escalated`;
  const order = (state: IncidentState) => (WORKING as readonly string[]).indexOf(state);
  if (order(to) >= 0 && order(from) >= 0 && order(to) > order(from) + 1) {
    return `A ${from} incident must become ${WORKING[order(from) + 1]} before ${to}`;
  }
  return `A ${from} incident cannot become ${to}`;
}

/**
 * Which response target a person's move meets: leaving detected acknowledges, and so does leaving escalated (the
 * response sweep escalates an incident nobody acknowledged); reaching mitigating or resolved mitigates.
 */
export function milestonesOf(
  from: IncidentState,
  to: IncidentState,
): { acknowledged: boolean; mitigated: boolean } {
  return {
    acknowledged: (from === "detected" || from === "escalated") && to !== from,
    mitigated: to === "mitigating" || to === "resolved",
  };
}
