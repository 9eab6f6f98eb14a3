import { toLocal } from "../lib/timezone.ts";
import type { TeamKey, TicketCategory, TicketPriority } from "./types";

const TEAM_BY_CATEGORY: Readonly<Record<TicketCategory, TeamKey>> = {
  order_issue: "consumer",
  delivery_delay: "consumer",
  missing_item: "consumer",
  refund_request: "consumer",
  payment: "consumer",
  account_access: "consumer",
  restaurant_onboarding: "restaurant",
  menu_update: "restaurant",
  courier_payout: "courier",
  courier_safety: "courier",
};

/** The team that owns a new ticket of this category. */
export function teamForCategory(category: TicketCategory): TeamKey {
  return TEAM_BY_CATEGORY[category];
}

const WEIGHTS: Readonly<Record<TicketPriority, number>> = { P1: 4, P2: 3, P3: 2, P4: 1 };

/** Load units a ticket adds to its assignee (AgentProfile.capacity is in the same units). */
export function priorityWeight(priority: TicketPriority): number {
  return WEIGHTS[priority];
}

/** Whether an agent has room for one more ticket of this priority: routing and manual assignment alike. */
export function hasRoomFor(
  agent: { readonly load: number; readonly capacity: number },
  priority: TicketPriority,
): boolean {
  return agent.capacity > 0 && agent.load + priorityWeight(priority) <= agent.capacity;
}

export interface ShiftSchedule {
  /** Minutes after local midnight; an end before the start means the shift crosses midnight. */
  readonly shiftStartMin: number;
  readonly shiftEndMin: number;
  /** ISO weekdays on which a shift starts. */
  readonly workDays: readonly number[];
}

/**
 * Shifts are half-open [start, end). A shift crossing midnight belongs to the day it starts on, so a
 * Monday 22:00–07:00 shift covers Tuesday 03:00 even when Tuesday is not a work day. A shift whose start
 * equals its end is empty; a 24-hour shift is written 0–1440.
 */
export function isOnShift(shift: ShiftSchedule, now: Date, timezone: string): boolean {
  const { minuteOfDay, isoWeekday } = toLocal(now, timezone);
  const { shiftStartMin: start, shiftEndMin: end, workDays } = shift;
  if (start < end) return workDays.includes(isoWeekday) && start <= minuteOfDay && minuteOfDay < end;
  if (start === end) return false;
  if (minuteOfDay >= start) return workDays.includes(isoWeekday);
  if (minuteOfDay < end) return workDays.includes(isoWeekday === 1 ? 7 : isoWeekday - 1);
  return false;
}

export interface RoutingTicket {
  readonly category: TicketCategory;
  readonly priority: TicketPriority;
  readonly language: string;
}

export interface RoutingAgent {
  readonly id: string;
  readonly skills: readonly TicketCategory[];
  readonly languages: readonly string[];
  readonly capacity: number;
  /** Current weighted load: the sum of priorityWeight over the agent's open tickets. */
  readonly load: number;
  readonly onShift: boolean;
  readonly lastAssignedAt: Date | null;
}

interface RoutingCandidate {
  readonly id: string;
  /** Could take this ticket now: skill, language, on shift, and room for its weight. */
  readonly eligible: boolean;
  /** Why not, for ineligible agents. */
  readonly why?: string;
  readonly load: number;
  readonly capacity: number;
  /** (load + this ticket's weight) / capacity; null when capacity is not positive. */
  readonly loadRatio: number | null;
}

type RoutingRule = "least_loaded" | "no_eligible_agent" | "all_at_capacity";

/** Which step of the ranking separated the winner from the runner-up. */
type RoutingDecider = "only_candidate" | "load_ratio" | "round_robin" | "agent_id" | "none";

export interface RoutingDecision {
  readonly assigneeId: string | null;
  readonly reason: {
    readonly rule: RoutingRule;
    /** The ticket's priority weight, which every candidate's load ratio counts. */
    readonly weight: number;
    /** Eligible agents in rank order, then the rest in input order. */
    readonly candidates: readonly RoutingCandidate[];
    readonly decidedBy: RoutingDecider;
  };
}

function speaks(agent: RoutingAgent, language: string): boolean {
  const wanted = language.toLowerCase();
  return agent.languages.some((l) => l.toLowerCase() === wanted);
}

/** Why this agent cannot take the ticket regardless of load, or null if only load could stop them. */
function mismatch(agent: RoutingAgent, ticket: RoutingTicket): string | null {
  if (!agent.skills.includes(ticket.category)) return `no skill for ${ticket.category}`;
  if (!speaks(agent, ticket.language)) return `does not speak ${ticket.language}`;
  if (!agent.onShift) return "off shift";
  return null;
}

/**
 * An agent the ticket waits for: they match it (skill, language, shift) and could hold its weight, but not on top
 * of their current load. Routing waiting tickets keeps such an agent for the ticket instead of filling them up
 * with later, lighter tickets.
 */
export function isWaitedFor(agent: RoutingAgent, ticket: RoutingTicket): boolean {
  return (
    mismatch(agent, ticket) === null &&
    agent.capacity >= priorityWeight(ticket.priority) &&
    !hasRoomFor(agent, ticket.priority)
  );
}

// Ratios compared by cross-multiplication so equal loads tie exactly instead of up to rounding.
function compareLoad(a: RoutingAgent, b: RoutingAgent, weight: number): number {
  return (a.load + weight) * b.capacity - (b.load + weight) * a.capacity;
}

function compareRoundRobin(a: RoutingAgent, b: RoutingAgent): number {
  if (a.lastAssignedAt === null || b.lastAssignedAt === null) {
    return (a.lastAssignedAt === null ? 0 : 1) - (b.lastAssignedAt === null ? 0 : 1);
  }
  return a.lastAssignedAt.getTime() - b.lastAssignedAt.getTime();
}

function compareId(a: RoutingAgent, b: RoutingAgent): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Picks the eligible agent with the lowest load ratio after taking this ticket; ties go to the agent
 * assigned longest ago (never-assigned first) so equal agents take turns, then to the smaller id so
 * the result never depends on input order.
 */
export function pickAssignee(ticket: RoutingTicket, agents: readonly RoutingAgent[]): RoutingDecision {
  const weight = priorityWeight(ticket.priority);
  const fitting: RoutingAgent[] = [];
  const rejected: RoutingCandidate[] = [];
  let matchedButFull = 0;

  for (const agent of agents) {
    const loadRatio = agent.capacity > 0 ? (agent.load + weight) / agent.capacity : null;
    const base = { id: agent.id, load: agent.load, capacity: agent.capacity, loadRatio };
    const why = mismatch(agent, ticket);
    if (why !== null) {
      rejected.push({ ...base, eligible: false, why });
    } else if (!hasRoomFor(agent, ticket.priority)) {
      matchedButFull++;
      rejected.push({
        ...base,
        eligible: false,
        why: `would exceed capacity (${agent.load} + ${weight} > ${agent.capacity})`,
      });
    } else {
      fitting.push(agent);
    }
  }

  fitting.sort((a, b) => compareLoad(a, b, weight) || compareRoundRobin(a, b) || compareId(a, b));
  const ranked: RoutingCandidate[] = fitting.map((agent) => ({
    id: agent.id,
    eligible: true,
    load: agent.load,
    capacity: agent.capacity,
    loadRatio: (agent.load + weight) / agent.capacity,
  }));
  const candidates = [...ranked, ...rejected];

  const [winner, runnerUp] = fitting;
  if (winner === undefined) {
    const rule = matchedButFull > 0 ? "all_at_capacity" : "no_eligible_agent";
    return { assigneeId: null, reason: { rule, weight, candidates, decidedBy: "none" } };
  }
  let decidedBy: RoutingDecider = "only_candidate";
  if (runnerUp !== undefined) {
    if (compareLoad(winner, runnerUp, weight) !== 0) decidedBy = "load_ratio";
    else if (compareRoundRobin(winner, runnerUp) !== 0) decidedBy = "round_robin";
    else decidedBy = "agent_id";
  }
  return { assigneeId: winner.id, reason: { rule: "least_loaded", weight, candidates, decidedBy } };
}
