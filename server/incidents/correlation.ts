import type { RuleDefinition } from "./correlation-rule.ts";

// The window and threshold maths of one rule and one key value, shared by the live consumer (one event at a time,
// state read from the tables) and the preview (a fold over the event log). Pure: no clock, no database.

export interface Candidate {
  eventId: string;
  memberId: string;
  at: Date;
  reporter: string;
}

export interface OpenWindow {
  incidentId: string;
  /** The first member's time: the maximum window is measured from here. */
  windowStart: Date;
  lastMemberAt: Date;
}

export interface KeyState {
  /** The open incident this rule opened for this key, if any. */
  open: OpenWindow | null;
  /** Earlier matching events not in any incident, oldest first. */
  waiting: readonly Candidate[];
  /** The latest incident this rule opened for this key when it is resolved: it takes no members. */
  resolved?: OpenWindow | null;
  /** Members already in an open incident of this rule: they join no other, nor count towards one. */
  held?: ReadonlySet<string>;
}

export type Decision =
  | { action: "join"; incidentId: string; windowStart: Date }
  | { action: "open"; members: Candidate[]; windowStart: Date; linkedIncidentId: string | null }
  | { action: "wait"; counted: number; reporters: number }
  | { action: "held" };

const minutes = (n: number) => n * 60_000;

/** Whether an open incident still takes a member arriving at `at` by this rule. */
export function takesMember(rule: RuleDefinition, open: OpenWindow, at: Date): boolean {
  const sinceStart = at.getTime() - open.windowStart.getTime();
  const sinceLast = at.getTime() - open.lastMemberAt.getTime();
  return sinceStart <= minutes(rule.maxWindowMinutes) && sinceLast <= minutes(rule.windowMinutes);
}

/** The waiting candidates still inside the sliding window that ends at `at`. */
function inWindow(rule: RuleDefinition, waiting: readonly Candidate[], at: Date): Candidate[] {
  const from = at.getTime() - minutes(rule.windowMinutes);
  return waiting.filter((c) => c.at.getTime() >= from && c.at.getTime() <= at.getTime());
}

/**
 * One new matching event: join the open incident while its windows hold; otherwise count it with the waiting
 * events in the sliding window and open an incident when both thresholds are met.
 */
export function decide(rule: RuleDefinition, state: KeyState, next: Candidate): Decision {
  const held = state.held ?? new Set<string>();
  if (held.has(next.memberId)) return { action: "held" };
  if (state.open && takesMember(rule, state.open, next.at)) {
    return { action: "join", incidentId: state.open.incidentId, windowStart: state.open.windowStart };
  }
  // The problem a resolved incident was about came back within its windows: a new incident follows on from it at
  // once (its thresholds were met already), linked, rather than the resolved one taking the member.
  if (state.resolved && takesMember(rule, state.resolved, next.at)) {
    return {
      action: "open",
      members: [next],
      windowStart: next.at,
      linkedIncidentId: state.resolved.incidentId,
    };
  }
  // Events may be handled out of time order (the backbone keeps order per aggregate only): count the window that
  // ends at the latest event near this one, so an early event handled last still completes its window. A member
  // counts once (its first event), and not at all while an open incident of this rule holds it.
  const span = minutes(rule.windowMinutes);
  const events = new Set<string>();
  const members = new Set<string>();
  const near = [...state.waiting, next].filter((c) => {
    const first = !events.has(c.eventId) && !members.has(c.memberId);
    events.add(c.eventId);
    members.add(c.memberId);
    return first && Math.abs(c.at.getTime() - next.at.getTime()) <= span && !held.has(c.memberId);
  });
  const end = Math.max(...near.map((c) => c.at.getTime()));
  const counted = near.filter((c) => c.at.getTime() >= end - span);
  const reporters = new Set(counted.map((c) => c.reporter)).size;
  if (counted.length >= rule.minCount && reporters >= rule.minReporters) {
    const windowStart = new Date(Math.min(...counted.map((c) => c.at.getTime())));
    return {
      action: "open",
      members: counted,
      windowStart,
      linkedIncidentId: state.resolved?.incidentId ?? null,
    };
  }
  return { action: "wait", counted: counted.length, reporters };
}

export interface SimulatedIncident {
  key: string;
  windowStart: Date;
  members: Candidate[];
}

/**
 * Replays events of one rule in time order, as the consumer would have seen them, with no incident ever resolved
 * by hand: what the rule would have opened. Events are [key value, candidate] pairs.
 */
export function simulate(
  rule: RuleDefinition,
  events: readonly { key: string; candidate: Candidate }[],
): SimulatedIncident[] {
  const ordered = [...events].sort((a, b) => a.candidate.at.getTime() - b.candidate.at.getTime());
  const states = new Map<
    string,
    { open: SimulatedIncident | null; last: Date | null; waiting: Candidate[] }
  >();
  const incidents: SimulatedIncident[] = [];
  // Nothing is resolved in a replay: every member of an incident stays held by it.
  const held = new Set<string>();
  for (const { key, candidate } of ordered) {
    const state = states.get(key) ?? { open: null, last: null, waiting: [] };
    states.set(key, state);
    const open: OpenWindow | null =
      state.open && state.last
        ? {
            incidentId: String(incidents.indexOf(state.open)),
            windowStart: state.open.windowStart,
            lastMemberAt: state.last,
          }
        : null;
    const decision = decide(rule, { open, waiting: state.waiting, held }, candidate);
    if (decision.action === "held") continue;
    if (decision.action === "join" && state.open) {
      state.open.members.push(candidate);
      state.last = candidate.at;
      held.add(candidate.memberId);
    } else if (decision.action === "open") {
      const incident = { key, windowStart: decision.windowStart, members: decision.members };
      for (const member of decision.members) held.add(member.memberId);
      incidents.push(incident);
      state.open = incident;
      state.last = candidate.at;
      state.waiting = [];
    } else {
      state.waiting = [...inWindow(rule, state.waiting, candidate.at), candidate];
    }
  }
  return incidents;
}
