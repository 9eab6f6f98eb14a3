import type { Db } from "../db/client.ts";
import { withTransaction, type Tx } from "../db/transaction.ts";
import { recordEvents, type DomainEventInput } from "../events/record.ts";
import { AppError } from "../lib/errors.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import {
  changeStateInput,
  declareInput,
  linkInput,
  postUpdateInput,
  removeMemberInput,
  type IncidentMemberKind,
  type IncidentSummary,
} from "./contract.ts";
import { incidentEvent, memberJoined } from "./events.ts";
import {
  countMembers,
  findMember,
  insertIncident,
  insertMembers,
  insertUpdate,
  linkedTicketIds,
  lockIncident,
  markMemberRemoved,
  setLink,
  toSummary,
  updateIncidentAtVersion,
  type IncidentRow,
} from "./incident-repository.ts";
import { parseInput } from "../lib/parse-input.ts";
import { requireCommander } from "./command.ts";
import { findDeclaredSource } from "./reference-repository.ts";
import { deadlinesFor } from "./deadlines.ts";
import { resolutionNote, ticketBatchEvents } from "./propagation.ts";
import { isOpen, milestonesOf, transition } from "./state-machine.ts";

// Incident use cases by people and integrations: declare, move through the lifecycle (with the version seen:
// 409 when someone was first), post notes and status updates, remove a wrongly joined member, link to a resolved
// incident. One transaction each, with its events and audit.

export async function declareIncident(
  db: Db,
  context: ServiceContext,
  raw: unknown,
): Promise<IncidentSummary> {
  requirePermission(context, "incidents:write");
  const input = parseInput(declareInput, raw);
  if (input.commanderId) await requireCommander(db, input.commanderId);
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    if (input.linkedIncidentId) await requireResolved(tx, input.linkedIncidentId, "linkedIncidentId");
    const source = input.source ? await requireSource(tx, input.source) : null;
    const incident = await insertIncident(tx, {
      title: input.title,
      priority: input.priority,
      // Without a city of its own the incident takes its source's, so the room can chart it.
      cityId: input.cityId ?? source?.cityId ?? null,
      restaurantId: input.restaurantId ?? null,
      courierId: input.courierId ?? null,
      area: input.area ?? null,
      commanderId: input.commanderId ?? null,
      declaredVia: input.source ? `manual:${input.source.kind}` : "manual",
      sourceKind: input.source?.kind ?? null,
      sourceId: input.source?.id ?? null,
      linkedIncidentId: input.linkedIncidentId ?? null,
      ...(await deadlinesFor(tx, input.priority, now)),
      createdAt: now,
    });
    const events: DomainEventInput[] = [
      incidentEvent("IncidentDeclared", incident, {
        linkedIncidentId: incident.linkedIncidentId,
        reason: input.source ? `declared from ${input.source.kind} ${input.source.id}` : "declared by hand",
      }),
    ];
    if (input.source) {
      await insertMembers(tx, [
        { incidentId: incident.id, kind: input.source.kind, memberId: input.source.id, joinedAt: now },
      ]);
      events.push(memberJoined(incident, { kind: input.source.kind, memberId: input.source.id }));
    }
    await recordEvents(tx, context, events);
    return toSummary(incident, input.source ? 1 : 0);
  });
}

export async function changeIncidentState(
  db: Db,
  context: ServiceContext,
  raw: unknown,
): Promise<IncidentSummary> {
  requirePermission(context, "incidents:write");
  const input = parseInput(changeStateInput, raw);
  if ((input.resolveTickets || input.resolutionNote) && input.to !== "resolved") {
    const field = input.resolveTickets ? "resolveTickets" : "resolutionNote";
    throw new AppError("BAD_REQUEST", `${field}: only resolving the incident resolves its tickets`, {
      details: { field },
    });
  }
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    const current = await lockIncident(tx, input.incidentId);
    if (!current) throw new AppError("NOT_FOUND", `incidentId: no incident ${input.incidentId}`);
    if (current.version !== input.expectedVersion) throw stale(current, await countMembers(tx, current.id));
    const move = transition(current.state, input.to);
    if (!move.ok)
      throw new AppError("UNPROCESSABLE", `to: ${move.reason}`, { details: { state: current.state } });
    const met = milestonesOf(current.state, input.to);
    const updated = await updateIncidentAtVersion(tx, current.id, input.expectedVersion, {
      state: input.to,
      ...(met.acknowledged && !current.acknowledgedAt ? { acknowledgedAt: now } : {}),
      ...(met.mitigated && !current.mitigatedAt ? { mitigatedAt: now } : {}),
      // A resolved incident takes no new members: its rule's next event starts a linked incident.
      ...(input.to === "resolved" ? { resolvedAt: now, openKey: null } : {}),
      ...(current.state === "resolved" && input.to === "investigating" ? { resolvedAt: null } : {}),
      updatedAt: now,
    });
    if (!updated) throw stale(current, await countMembers(tx, current.id));
    const extra = { from: current.state, ...(input.reason ? { reason: input.reason } : {}) };
    const events = [incidentEvent("IncidentStateChanged", updated, extra)];
    if (input.to === "resolved") {
      const tickets = input.resolveTickets ? await linkedTicketIds(tx, updated.id) : [];
      events.push(
        incidentEvent("IncidentResolved", updated, { ...extra, resolveTickets: tickets.length }),
        ...ticketBatchEvents(
          updated,
          "resolve",
          resolutionNote(updated.number, input.resolutionNote),
          tickets,
        ),
      );
    }
    await recordEvents(tx, context, events);
    return toSummary(updated, await countMembers(tx, updated.id));
  });
}

export async function postIncidentUpdate(db: Db, context: ServiceContext, raw: unknown) {
  requirePermission(context, "incidents:write");
  const input = parseInput(postUpdateInput, raw);
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    const incident = await lockIncident(tx, input.incidentId);
    if (!incident) throw new AppError("NOT_FOUND", `incidentId: no incident ${input.incidentId}`);
    const authorId = context.actor.type === "user" ? context.actor.id : null;
    const update = await insertUpdate(tx, { ...input, authorId, createdAt: now });
    // A public update reaches every linked ticket as a public reply, batch by batch, through the tickets domain.
    const tickets = input.visibility === "public" ? await linkedTicketIds(tx, incident.id) : [];
    await recordEvents(tx, context, [
      incidentEvent(
        "IncidentUpdatePosted",
        incident,
        { updateId: update.id, visibility: input.visibility, tickets: tickets.length },
        { updateId: update.id, visibility: input.visibility, body: input.body, tickets: tickets.length },
      ),
      ...ticketBatchEvents(incident, "public_reply", input.body, tickets),
    ]);
    return update;
  });
}

/** Takes a wrongly joined member out (kept, marked removed with who and why, audited). */
export async function removeIncidentMember(db: Db, context: ServiceContext, raw: unknown) {
  requirePermission(context, "incidents:manage");
  const input = parseInput(removeMemberInput, raw);
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    const incident = await lockIncident(tx, input.incidentId);
    if (!incident) throw new AppError("NOT_FOUND", `incidentId: no incident ${input.incidentId}`);
    const member = await findMember(tx, incident.id, input.memberRowId);
    if (!member)
      throw new AppError("NOT_FOUND", `memberRowId: no member ${input.memberRowId} in this incident`);
    if (member.removedAt) throw new AppError("CONFLICT", "memberRowId: this member was removed already");
    const removedById = context.actor.type === "system" ? null : context.actor.id;
    await markMemberRemoved(tx, member.id, { removedAt: now, removedById, removedReason: input.reason });
    await recordEvents(tx, context, [
      incidentEvent(
        "IncidentMemberRemoved",
        incident,
        {
          reason: input.reason,
          member: {
            kind: member.kind,
            memberId: member.memberId,
            ruleId: member.ruleId,
            ruleVersion: member.ruleVersion,
            key: member.correlationKey,
          },
        },
        { memberRowId: member.id, kind: member.kind, memberId: member.memberId, reason: input.reason },
      ),
    ]);
    return { removed: true };
  });
}

/** Links an incident to the resolved one it follows on from. */
export async function linkIncident(db: Db, context: ServiceContext, raw: unknown): Promise<IncidentSummary> {
  requirePermission(context, "incidents:write");
  const input = parseInput(linkInput, raw);
  if (input.incidentId === input.linkedIncidentId) {
    throw new AppError("BAD_REQUEST", "linkedIncidentId: an incident cannot follow on from itself", {
      details: { field: "linkedIncidentId" },
    });
  }
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    const incident = await lockIncident(tx, input.incidentId);
    if (!incident) throw new AppError("NOT_FOUND", `incidentId: no incident ${input.incidentId}`);
    await requireResolved(tx, input.linkedIncidentId, "linkedIncidentId");
    const linked = await setLink(tx, incident.id, input.linkedIncidentId, now);
    await recordEvents(tx, context, [
      incidentEvent("IncidentStateChanged", linked, {
        from: linked.state,
        linkedIncidentId: input.linkedIncidentId,
        reason: "linked",
      }),
    ]);
    return toSummary(linked, await countMembers(tx, linked.id));
  });
}

async function requireResolved(tx: Tx, id: string, field: string): Promise<IncidentRow> {
  const incident = await lockIncident(tx, id);
  if (!incident) throw new AppError("BAD_REQUEST", `${field}: no incident ${id}`, { details: { field } });
  if (isOpen(incident.state))
    throw new AppError("BAD_REQUEST", `${field}: incident #${incident.number} is still open`, {
      details: { field },
    });
  return incident;
}

/** The ticket, risk case or alert an incident is declared from must exist: 422 naming `source.id` otherwise. */
async function requireSource(
  tx: Tx,
  source: { kind: IncidentMemberKind; id: string },
): Promise<{ cityId: string | null }> {
  const found = await findDeclaredSource(tx, source.kind, source.id);
  if (!found)
    throw new AppError("UNPROCESSABLE", `source.id: no ${source.kind} ${source.id}`, {
      details: { field: "source.id" },
    });
  return found;
}

function stale(current: IncidentRow, memberCount: number): AppError {
  return new AppError("CONFLICT", "Someone changed this incident first; here is its current state.", {
    details: { current: toSummary(current, memberCount) },
  });
}
