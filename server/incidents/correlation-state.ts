import type { Tx } from "../db/transaction.ts";
import { heldMembers, waitingCandidates, type WaitingCandidate } from "./candidate-repository.ts";
import type { CorrelationRuleVersion, MemberFact } from "./correlation-rule.ts";
import { takesMember, type Candidate, type KeyState, type OpenWindow } from "./correlation.ts";
import { findByOpenKeys, latestForKeys, type IncidentRow } from "./incident-repository.ts";
import { memberKindOf } from "./member-facts.ts";
import { isOpen } from "./state-machine.ts";

// The correlation state of a batch's (rule, key) pairs, read with a statement per kind and then kept in memory as
// the batch's events are decided in turn: each event sees the key as the events before it left it, exactly as if
// it had come alone after them, and none of the events after it.

export interface KeyGroup {
  rule: CorrelationRuleVersion;
  key: string;
  /** The batch's events for this rule and key, in delivery order. */
  facts: MemberFact[];
}

const openKeyOf = (group: KeyGroup) => `${group.rule.ruleId}:${group.key}`;

function windowOf(incident: IncidentRow): OpenWindow {
  const start = incident.windowStart ?? incident.createdAt;
  return { incidentId: incident.id, windowStart: start, lastMemberAt: incident.lastMemberAt ?? start };
}

/** One rule and key as the batch goes. */
class KeyProgress {
  /** Events of this key the batch has not decided yet: later events are not visible to earlier ones. */
  private readonly unseen: Set<string>;
  private readonly assigned = new Set<string>();

  constructor(
    private readonly rule: CorrelationRuleVersion,
    public open: IncidentRow | null,
    private resolved: IncidentRow | null,
    private readonly waiting: readonly WaitingCandidate[],
    /** Members an open incident of this rule holds, shared by all the rule's keys. */
    private readonly held: Set<string>,
    facts: readonly MemberFact[],
  ) {
    this.unseen = new Set(facts.map((fact) => fact.eventId));
  }

  /** The state `decide` sees for this event. */
  viewFor(fact: MemberFact): KeyState {
    const span = this.rule.definition.windowMinutes * 60_000;
    const at = fact.at.getTime();
    return {
      open: this.open && isOpen(this.open.state) ? windowOf(this.open) : null,
      waiting: this.waiting.filter(
        (c) =>
          c.eventId !== fact.eventId &&
          !this.unseen.has(c.eventId) &&
          !this.assigned.has(c.eventId) &&
          Math.abs(c.at.getTime() - at) <= span,
      ),
      resolved: this.resolved ? windowOf(this.resolved) : null,
      held: this.held,
    };
  }

  seen(eventId: string) {
    this.unseen.delete(eventId);
  }

  joined(fact: MemberFact) {
    this.held.add(fact.memberId);
    this.assigned.add(fact.eventId);
    if (this.open) this.open = { ...this.open, lastMemberAt: fact.at };
  }

  opened(incident: IncidentRow, members: readonly Candidate[]) {
    for (const member of members) {
      this.held.add(member.memberId);
      this.assigned.add(member.eventId);
    }
    this.open = incident;
    this.resolved = null;
  }

  waitingCandidate(eventId: string): WaitingCandidate | undefined {
    return this.waiting.find((c) => c.eventId === eventId);
  }

  incidentNumber(id: string): number | null {
    return [this.open, this.resolved].find((incident) => incident?.id === id)?.number ?? null;
  }
}

export interface KeyStates {
  of(group: KeyGroup): KeyProgress;
}

/**
 * Whether the key's open incident takes each of the group's events in turn (held members aside): then no event
 * of the group counts waiting candidates, and a hot key's thousands of them need not be read.
 */
function openTakesAll(group: KeyGroup, open: IncidentRow | undefined, held: ReadonlySet<string>): boolean {
  if (!open || !isOpen(open.state)) return false;
  let window = windowOf(open);
  for (const fact of group.facts) {
    if (held.has(fact.memberId)) continue;
    if (!takesMember(group.rule.definition, window, fact.at)) return false;
    window = { ...window, lastMemberAt: fact.at };
  }
  return true;
}

/** Members held by an open incident, per rule. */
function heldByRule(
  rows: readonly { ruleId: string; memberId: string }[],
  into = new Map<string, Set<string>>(),
) {
  for (const { ruleId, memberId } of rows) {
    const set = into.get(ruleId) ?? new Set<string>();
    set.add(memberId);
    into.set(ruleId, set);
  }
  return into;
}

/** Reads every group's open or latest incident, held members and (where an event may count them) waiting candidates. */
export async function loadKeyStates(tx: Tx, groups: readonly KeyGroup[]): Promise<KeyStates> {
  const open = new Map(
    (await findByOpenKeys(tx, groups.map(openKeyOf))).map((incident) => [incident.openKey!, incident]),
  );
  const withoutOpen = groups.filter((group) => !open.has(openKeyOf(group)));
  const latest = new Map(
    (
      await latestForKeys(
        tx,
        withoutOpen.map((group) => ({ ruleId: group.rule.ruleId, correlationKey: group.key })),
      )
    ).map((incident) => [`${incident.ruleId}:${incident.correlationKey}`, incident]),
  );
  const ruleIds = groups.map((group) => group.rule.ruleId);
  const held = heldByRule(
    await heldMembers(
      tx,
      ruleIds,
      groups.flatMap((group) =>
        group.facts.map((fact) => ({ kind: memberKindOf(fact), memberId: fact.memberId })),
      ),
    ),
  );
  const heldOf = (ruleId: string) => {
    const set = held.get(ruleId) ?? new Set<string>();
    held.set(ruleId, set);
    return set;
  };
  const counting = groups.filter(
    (group) => !openTakesAll(group, open.get(openKeyOf(group)), heldOf(group.rule.ruleId)),
  );
  const waiting = await waitingCandidates(
    tx,
    counting.map((group) => {
      const span = group.rule.definition.windowMinutes * 60_000;
      const times = group.facts.map((fact) => fact.at.getTime());
      return {
        ruleId: group.rule.ruleId,
        keyValue: group.key,
        from: new Date(Math.min(...times) - span),
        to: new Date(Math.max(...times) + span),
      };
    }),
  );
  if (waiting.length > 0) heldByRule(await heldMembers(tx, ruleIds, waiting), held);
  const waitingByKey = new Map<string, WaitingCandidate[]>();
  for (const candidate of waiting) {
    const name = `${candidate.ruleId}:${candidate.keyValue}`;
    const list = waitingByKey.get(name);
    if (list) list.push(candidate);
    else waitingByKey.set(name, [candidate]);
  }
  const progress = new Map<string, KeyProgress>();
  return {
    of(group) {
      const name = openKeyOf(group);
      const existing = progress.get(name);
      if (existing) return existing;
      const latestIncident = latest.get(name) ?? null;
      const made = new KeyProgress(
        group.rule,
        open.get(name) ?? null,
        latestIncident && !isOpen(latestIncident.state) ? latestIncident : null,
        waitingByKey.get(name) ?? [],
        heldOf(group.rule.ruleId),
        group.facts,
      );
      progress.set(name, made);
      return made;
    },
  };
}
