import { withTransaction, type Tx } from "../db/transaction.ts";
import type { BatchEventHandler, DeliveredEvent, EventHandler } from "../events/delivered-event.ts";
import { recordEvents, type DomainEventInput } from "../events/record.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { assignCandidates, insertCandidates, lockRuleKeys } from "./candidate-repository.ts";
import { loadKeyStates, type KeyGroup, type KeyStates } from "./correlation-state.ts";
import { keyOf, titleFor, type CorrelationRuleVersion, type MemberFact } from "./correlation-rule.ts";
import { decide, type Candidate } from "./correlation.ts";
import { deadlinesFor } from "./deadlines.ts";
import { incidentEvent, memberJoined } from "./events.ts";
import {
  insertIncident,
  insertMembers,
  releaseOpenKey,
  touchWindows,
  type IncidentRow,
  type NewMember,
} from "./incident-repository.ts";
import { memberFactOf, memberKindOf } from "./member-facts.ts";
import { enabledRules } from "./rule-repository.ts";

// Consumer incidents.correlation: each ticket, risk case and alert event is offered to every enabled rule. A
// claimed batch is correlated in one transaction: its (rule, key) pairs are locked in one sorted order, their
// state read with a statement per kind, each event decided in turn as if it came alone, and what the decisions
// wrote (members, windows, candidates, events) flushed with a statement per kind. Exactly once per event and
// rule: the candidate row (rule, event) is written first and a redelivery finds it.

interface Offer {
  /** The event's place in the batch. */
  index: number;
  rule: CorrelationRuleVersion;
  key: string;
  fact: MemberFact;
  event: DeliveredEvent;
}

/** What the decisions of a batch write once they are all made. */
interface Writes {
  members: { row: NewMember; incident: IncidentRow; key: string; causedBy: DeliveredEvent }[];
  windows: Map<string, Date>;
  assigned: { ruleId: string; eventId: string; incidentId: string }[];
  events: DomainEventInput[];
}

/** The incident's one-open-per-rule-and-key slot, and the advisory lock correlation of that key takes. */
const openKeyOf = (ruleId: string, key: string) => `${ruleId}:${key}`;
const lockName = (ruleId: string, key: string) => `incident:${openKeyOf(ruleId, key)}`;

export const correlateMemberEvents: BatchEventHandler = {
  async batch(db, contextOf, events) {
    const facts = events.map(memberFactOf);
    const rules = facts.some((fact) => fact !== null) ? await enabledRules(db) : [];
    const offers = events.map((event, i) => {
      const fact = facts[i];
      if (!fact) return [];
      return rules.flatMap((rule) => {
        const key = keyOf(rule.definition, fact);
        return key ? [{ index: i, rule, key, fact, event }] : [];
      });
    });
    const notes = events.map((event, i) =>
      !facts[i]
        ? [`not a member event (${event.type})`]
        : offers[i]!.length === 0
          ? ["no rule takes it"]
          : [],
    );
    const all = offers.flat();
    if (all.length > 0) {
      const made = await withTransaction(db, (tx) => correlate(tx, contextOf, all), { preset: "batch" });
      all.forEach((offer, i) => notes[offer.index]!.push(made[i]!));
    }
    return notes.map((parts) => parts.join("; "));
  },
};

/** The same as one event alone (a batch of one): for tests and callers holding a single event. */
export const correlateMemberEvent: EventHandler = async (db, context, event) =>
  (await correlateMemberEvents.batch(db, () => context, [event]))[0]!;

/** Decides every offer in order; answers one note per offer. */
async function correlate(
  tx: Tx,
  contextOf: (event: DeliveredEvent) => ServiceContext,
  offers: readonly Offer[],
): Promise<string[]> {
  const groups = groupByKey(offers);
  await lockRuleKeys(tx, [...groups.keys()].sort());
  const fresh = await insertCandidates(
    tx,
    offers.map(({ rule, key, fact }) => ({
      ruleId: rule.ruleId,
      ruleVersion: rule.version,
      keyValue: key,
      kind: memberKindOf(fact),
      memberId: fact.memberId,
      eventId: fact.eventId,
      reporter: fact.reporter,
      label: fact.category,
      occurredAt: fact.at,
    })),
  );
  const states = await loadKeyStates(tx, [...groups.values()]);
  const writes: Writes = { members: [], windows: new Map(), assigned: [], events: [] };
  const notes = new Map<Offer, string>();
  for (const group of groups.values()) {
    for (const offer of group.offers) {
      const seen = !fresh.has(`${offer.rule.ruleId}:${offer.fact.eventId}`);
      notes.set(
        offer,
        seen
          ? `${offer.rule.name}: seen before`
          : await decideOne(tx, contextOf(offer.event), offer, group, states, writes),
      );
    }
  }
  // One actor for the whole batch (the consumer); each event names its own cause and correlation.
  await flush(tx, contextOf(offers[0]!.event), writes);
  return offers.map((offer) => notes.get(offer)!);
}

function groupByKey(offers: readonly Offer[]): Map<string, KeyGroup & { offers: Offer[] }> {
  const groups = new Map<string, KeyGroup & { offers: Offer[] }>();
  for (const offer of offers) {
    const name = lockName(offer.rule.ruleId, offer.key);
    const group = groups.get(name) ?? { rule: offer.rule, key: offer.key, facts: [], offers: [] };
    group.facts.push(offer.fact);
    group.offers.push(offer);
    groups.set(name, group);
  }
  return groups;
}

/** One event for one rule and key, decided on the key's state as the batch's earlier events left it. */
async function decideOne(
  tx: Tx,
  context: ServiceContext,
  { rule, key, fact, event }: Offer,
  group: KeyGroup,
  states: KeyStates,
  writes: Writes,
): Promise<string> {
  const { definition } = rule;
  const state = states.of(group);
  const kind = memberKindOf(fact);
  const candidate: Candidate = {
    eventId: fact.eventId,
    memberId: fact.memberId,
    at: fact.at,
    reporter: fact.reporter,
  };
  const decision = decide(definition, state.viewFor(fact), candidate);
  state.seen(fact.eventId);
  const why = { ruleId: rule.ruleId, ruleVersion: rule.version, correlationKey: key };

  if (decision.action === "held") return `${rule.name}: already in an open incident of this rule`;
  if (decision.action === "wait")
    return `${rule.name}: ${decision.counted} counted, ${decision.reporters} reporters`;

  if (decision.action === "join") {
    const incident = state.open!;
    const windowEnd = new Date(incident.windowStart!.getTime() + definition.maxWindowMinutes * 60_000);
    writes.members.push({
      row: {
        incidentId: incident.id,
        kind,
        memberId: fact.memberId,
        eventId: fact.eventId,
        ...why,
        windowStart: incident.windowStart,
        windowEnd,
        label: fact.category,
        joinedAt: fact.at,
      },
      incident,
      key,
      causedBy: event,
    });
    writes.windows.set(incident.id, fact.at);
    writes.assigned.push({ ruleId: rule.ruleId, eventId: fact.eventId, incidentId: incident.id });
    state.joined(fact);
    return `${rule.name}: joined incident #${incident.number}`;
  }

  // A rule's open incident whose window ran out keeps its responders but no longer takes members by this rule.
  const open = state.open;
  if (open) await releaseOpenKey(tx, open.id);
  const now = context.clock.now();
  const linkedIncidentId = decision.linkedIncidentId ?? open?.id ?? null;
  const incident = await insertIncident(tx, {
    title: titleFor(definition, key),
    priority: definition.priority,
    // A restaurant, courier or area is in a city: the member's city lets the room chart it.
    cityId: uuidOrNull(fact.keys.city),
    ...keysOf(definition.key, key),
    declaredVia: "correlation",
    ...why,
    openKey: openKeyOf(rule.ruleId, key),
    linkedIncidentId,
    windowStart: decision.windowStart,
    lastMemberAt: fact.at,
    ...(await deadlinesFor(tx, definition.priority, now)),
    createdAt: now,
  });
  const windowEnd = new Date(decision.windowStart.getTime() + definition.maxWindowMinutes * 60_000);
  for (const member of decision.members) {
    const waiting = state.waitingCandidate(member.eventId);
    writes.members.push({
      row: {
        incidentId: incident.id,
        kind: waiting?.kind ?? kind,
        memberId: member.memberId,
        eventId: member.eventId,
        ...why,
        windowStart: decision.windowStart,
        windowEnd,
        label: waiting?.label ?? fact.category,
        joinedAt: member.at,
      },
      incident,
      key,
      causedBy: event,
    });
    writes.assigned.push({ ruleId: rule.ruleId, eventId: member.eventId, incidentId: incident.id });
  }
  writes.events.push({
    ...incidentEvent("IncidentDeclared", incident, {
      linkedIncidentId,
      reason: `${rule.name} v${rule.version}: ${decision.members.length} members for ${definition.key} ${key}`,
    }),
    correlationId: event.correlationId,
    causationId: event.id,
  });
  state.opened(incident, decision.members);
  const linked = linkedIncidentId ? state.incidentNumber(linkedIncidentId) : null;
  return `${rule.name}: opened incident #${incident.number}${linked ? ` after #${linked}` : ""}`;
}

/** Writes what the batch's decisions made: members, then windows and candidates, then the events. */
async function flush(tx: Tx, context: ServiceContext, writes: Writes) {
  const inserted = await insertMembers(
    tx,
    writes.members.map((member) => member.row),
  );
  await touchWindows(
    tx,
    [...writes.windows].map(([id, lastMemberAt]) => ({ id, lastMemberAt })),
  );
  await assignCandidates(tx, writes.assigned);
  const made = new Set(inserted.map((row) => `${row.incidentId}:${row.kind}:${row.memberId}`));
  const joined = writes.members.filter(({ row }) =>
    made.has(`${row.incidentId}:${row.kind}:${row.memberId}`),
  );
  await recordEvents(tx, context, [
    ...writes.events,
    ...joined.map(({ row, incident, key, causedBy }) => ({
      ...memberJoined(incident, { ...row, key }),
      correlationId: causedBy.correlationId,
      causationId: causedBy.id,
    })),
  ]);
}

const uuidOrNull = (value: string | undefined) => (value && /^[0-9a-f-]{36}$/i.test(value) ? value : null);

function keysOf(key: CorrelationRuleVersion["definition"]["key"], value: string) {
  switch (key) {
    case "city":
      return { cityId: uuidOrNull(value) };
    case "restaurant":
      return { restaurantId: value };
    case "courier":
      return { courierId: value };
    case "area":
      return { area: value };
  }
}
