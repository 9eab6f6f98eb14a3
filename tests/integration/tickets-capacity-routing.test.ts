import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import type { DeliveredEvent } from "../../server/events/delivered-event.ts";
import { systemContext } from "../../server/lib/service-context.ts";
import { routeWaitingTicketsOnFreedCapacity } from "../../server/tickets/capacity-routing.ts";
import { priorityWeight } from "../../server/tickets/routing.ts";
import { updateTicket } from "../../server/tickets/service.ts";
import { TICKET_CATEGORIES, type TeamKey } from "../../server/tickets/types.ts";
import { updateUser } from "../../server/users/service.ts";
import { drain } from "../support/backbone.ts";
import { contextFor, freshAgents, newTicket, supportTeams, teamMember } from "../support/tickets.ts";

// Tickets that routing left waiting because every agent was full are routed by the tickets.capacity-freed
// consumer once an agent has room again: exactly as much as the room allows, however often or concurrently it runs.

const db = getDb();
const CONSUMER = "tickets.capacity-freed";
const CATEGORY = { restaurant: "menu_update", courier: "courier_payout" } as const;

/** A team with only the given agents and none of the tickets earlier tests left open in it. */
async function emptyTeam(team: "restaurant" | "courier", agents: number, capacity: number) {
  const teamId = (await supportTeams())[team satisfies TeamKey];
  await db.ticket.updateMany({
    where: { teamId, status: { in: ["new", "open", "pending"] } },
    data: { status: "closed", closedAt: new Date() },
  });
  // Earlier tests' deliveries are handled now, so later drains only see this test's events.
  await drain(CONSUMER);
  return { teamId, agents: await freshAgents(team, agents, capacity) };
}

/** P3 tickets (weight 2) created one after another: the first ones fill the agents, the rest wait. */
async function tickets(team: "restaurant" | "courier", count: number) {
  const created = [];
  for (let i = 0; i < count; i++) created.push(await newTicket({ category: CATEGORY[team], priority: "P3" }));
  return created;
}

async function loadsOf(agentIds: string[]) {
  const open = await db.ticket.findMany({
    where: { assigneeId: { in: agentIds }, status: { in: ["new", "open", "pending"] } },
    select: { assigneeId: true, priority: true },
  });
  const loads = new Map(agentIds.map((id) => [id, 0]));
  for (const t of open) loads.set(t.assigneeId!, loads.get(t.assigneeId!)! + priorityWeight(t.priority));
  return loads;
}

const resolve = (ticket: { id: string; version: number }) =>
  updateTicket(db, contextFor(null), { id: ticket.id, version: ticket.version, status: "resolved" });

async function delivered(ticketId: string, type: string): Promise<DeliveredEvent> {
  const row = await db.domainEvent.findFirstOrThrow({ where: { aggregateId: ticketId, type } });
  return { ...row, type: row.type as DeliveredEvent["type"] };
}

/** The consumer's handler run directly, as a redelivery of the same event would run it. */
const redeliver = (event: DeliveredEvent) =>
  routeWaitingTicketsOnFreedCapacity(db, systemContext(CONSUMER, { causationId: event.id }), event);

describe("routing waiting tickets when capacity frees", () => {
  it("routes exactly the oldest waiting ticket to the agent whose ticket was resolved, once", async () => {
    const { agents } = await emptyTeam("restaurant", 2, 2);
    const [first, second, oldestWaiting, laterWaiting] = await tickets("restaurant", 4);
    expect(oldestWaiting!.assignee).toBeNull();
    expect(laterWaiting!.assignee).toBeNull();
    // Creating and routing the tickets frees nothing: the waiting ones stay where they are.
    await drain(CONSUMER);
    expect(
      await db.ticket.count({
        where: { id: { in: [oldestWaiting!.id, laterWaiting!.id] }, assigneeId: null },
      }),
    ).toBe(2);

    const freedAgent = first!.assignee!.id;
    expect(second!.assignee!.id).not.toBe(freedAgent);
    await resolve(first!);
    await drain(CONSUMER);

    const routed = await db.ticket.findUniqueOrThrow({ where: { id: oldestWaiting!.id } });
    expect(routed.assigneeId).toBe(freedAgent);
    expect(routed.version).toBe(oldestWaiting!.version + 1);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: laterWaiting!.id } })).assigneeId).toBeNull();
    expect(await loadsOf(agents.map((a) => a.id))).toEqual(new Map(agents.map((a) => [a.id, 2])));

    const why = `capacity freed by ticket #${first!.number} moved to resolved`;
    const assignment = await db.ticketAssignment.findFirstOrThrow({
      where: { ticketId: routed.id },
      orderBy: { createdAt: "desc" },
    });
    expect(assignment).toMatchObject({ assigneeId: freedAgent, decidedBy: "auto" });
    expect(assignment.reason).toMatchObject({ rule: "least_loaded", trigger: "capacity_freed", why });
    const statusEvent = await delivered(first!.id, "TicketStatusUpdated");
    const assigned = await db.domainEvent.findMany({
      where: { aggregateId: routed.id, type: "TicketAssigned" },
    });
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({
      payload: { from: null, to: freedAgent, decidedBy: "auto", rule: "least_loaded", reason: why },
      actorType: "system",
      causationId: statusEvent.id,
    });

    // The same event delivered again finds no room: nothing more is routed.
    expect(await redeliver(statusEvent)).toMatch(/^routed 0 /);
    expect(await db.ticketAssignment.count({ where: { ticketId: laterWaiting!.id } })).toBe(1);
  });

  it("leaves a ticket a person unassigned where they put it", async () => {
    const { agents } = await emptyTeam("restaurant", 1, 4);
    const [held, kept] = await tickets("restaurant", 2);
    expect(held!.assignee?.id).toBe(agents[0]!.id);
    const unassigned = await updateTicket(db, contextFor(null), {
      id: kept!.id,
      version: kept!.version,
      assigneeId: null,
    });
    expect(unassigned.assignee).toBeNull();
    await drain(CONSUMER);
    // The unassignment freed room, but the ticket it freed it with was a person's decision: it stays unassigned.
    expect((await db.ticket.findUniqueOrThrow({ where: { id: kept!.id } })).assigneeId).toBeNull();
  });

  it("routes waiting tickets when an admin raises an agent's capacity, up to the new capacity", async () => {
    const { teamId, agents } = await emptyTeam("restaurant", 1, 2);
    const [, ...waiting] = await tickets("restaurant", 4);
    expect(waiting.every((t) => t.assignee === null)).toBe(true);
    await drain(CONSUMER);

    const admin = await teamMember("restaurant", ["admin"]);
    const agent = agents[0]!;
    await updateUser(db, contextFor(admin), {
      id: agent.id,
      roles: ["support_agent"],
      teamId,
      agentProfile: {
        skills: [...TICKET_CATEGORIES],
        languages: ["ja", "en"],
        capacity: 6,
        shiftStartMin: 0,
        shiftEndMin: 1440,
        workDays: [1, 2, 3, 4, 5, 6, 7],
      },
    });
    await drain(CONSUMER);

    // Room for two more P3s (2 + 2 + 2 = 6): the two oldest waiting tickets, not the third.
    const assigned = await db.ticket.findMany({
      where: { id: { in: waiting.map((t) => t.id) } },
      select: { id: true, assigneeId: true },
    });
    const byId = new Map(assigned.map((t) => [t.id, t.assigneeId]));
    expect(waiting.map((t) => byId.get(t.id))).toEqual([agent.id, agent.id, null]);
    const reason = await db.ticketAssignment.findFirstOrThrow({
      where: { ticketId: waiting[0]!.id, assigneeId: agent.id },
    });
    expect(reason.reason).toMatchObject({ why: "capacity freed by an agent's routing profile change" });
  });

  it("never routes beyond capacity when resolutions and their redeliveries run at once", async () => {
    const { agents } = await emptyTeam("courier", 3, 2);
    const all = await tickets("courier", 8);
    const [assigned, waiting] = [all.slice(0, 3), all.slice(3)];
    expect(assigned.every((t) => t.assignee !== null)).toBe(true);
    expect(waiting.every((t) => t.assignee === null)).toBe(true);
    await drain(CONSUMER);

    await Promise.all(assigned.map(resolve));
    const events = await Promise.all(assigned.map((t) => delivered(t.id, "TicketStatusUpdated")));
    // Every resolution handled twice at once (a redelivery racing the first delivery), beside the runner's drain.
    await Promise.all([drain(CONSUMER), ...events.flatMap((event) => [redeliver(event), redeliver(event)])]);

    const loads = await loadsOf(agents.map((a) => a.id));
    expect([...loads.values()]).toEqual([2, 2, 2]);
    const nowAssigned = await db.ticket.findMany({
      where: { id: { in: waiting.map((t) => t.id) }, assigneeId: { not: null } },
      select: { id: true },
    });
    // The three most urgent waiting tickets, in creation order (same priority and SLA clock).
    expect(nowAssigned.map((t) => t.id).sort()).toEqual(
      waiting
        .slice(0, 3)
        .map((t) => t.id)
        .sort(),
    );
    const routedAssignments = await db.ticketAssignment.findMany({
      where: { ticketId: { in: waiting.map((t) => t.id) }, assigneeId: { not: null } },
    });
    expect(routedAssignments).toHaveLength(3);
  });
});
