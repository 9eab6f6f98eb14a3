import { describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client.ts";
import { isAppError } from "../../server/lib/errors.ts";
import { createTicket } from "../../server/tickets/create.ts";
import { updateTicket } from "../../server/tickets/service.ts";
import { priorityWeight } from "../../server/tickets/routing.ts";
import { TICKET_PRIORITIES } from "../../server/tickets/types.ts";
import { freshAgents, newTicket, contextFor, ticketInput } from "../support/tickets.ts";

const db = getDb();

describe("ticket routing", () => {
  it("routes 50 tickets created at once without putting any agent over capacity", async () => {
    const agents = await freshAgents("consumer", 5, 12);
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createTicket(db, contextFor(null), ticketInput({ priority: TICKET_PRIORITIES[i % 4] })),
      ),
    );
    expect(created.every((c) => c.created)).toBe(true);

    const open = await db.ticket.findMany({
      where: { assigneeId: { in: agents.map((a) => a.id) }, status: { in: ["new", "open", "pending"] } },
      select: { assigneeId: true, priority: true },
    });
    const loads = new Map<string, number>();
    for (const t of open)
      loads.set(t.assigneeId ?? "", (loads.get(t.assigneeId ?? "") ?? 0) + priorityWeight(t.priority));
    for (const agent of agents) expect(loads.get(agent.id) ?? 0).toBeLessThanOrEqual(12);
    // 50 tickets weigh 125 units and the team holds 60: the agents are filled up, the rest wait unassigned.
    expect([...loads.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(60 - 4 * agents.length);
    const unassigned = created.filter((c) => c.ticket.assignee === null);
    expect(unassigned.length).toBeGreaterThan(0);

    const assignments = await db.ticketAssignment.findMany({
      where: { ticketId: { in: created.map((c) => c.ticket.id) } },
    });
    expect(assignments).toHaveLength(50);
    expect(new Set(assignments.map((a) => (a.reason as { rule: string }).rule))).toEqual(
      new Set(["least_loaded", "all_at_capacity"]),
    );
  });

  it("records TicketCreated and TicketAssigned with their audit entries", async () => {
    const [agent] = await freshAgents("restaurant", 1, 10);
    const { ticket } = await createTicket(
      db,
      contextFor(null),
      ticketInput({ category: "menu_update", priority: "P2" }),
    );
    expect(ticket.assignee?.id).toBe(agent?.id);
    expect(ticket.team.key).toBe("restaurant");
    const events = await db.domainEvent.findMany({
      where: { aggregateId: ticket.id },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual(["TicketCreated", "TicketAssigned"]);
    expect(await db.auditLog.count({ where: { entityId: ticket.id } })).toBe(2);
    expect(ticket.sla.firstResponseDueAt?.getTime()).toBe(ticket.createdAt.getTime() + 30 * 60_000);
  });

  it("refuses a manual assignment that would put the agent over capacity, naming the field", async () => {
    // Capacity 6: the routed P1 (weight 4) leaves room for a P4 (1) and then a P4 again (1), not a P3 (2).
    const [agent, other] = await freshAgents("consumer", 2, 6);
    if (!agent || !other) throw new Error("two agents expected");
    await db.agentProfile.update({ where: { userId: other.id }, data: { capacity: 0 } });
    const routed = await newTicket({ priority: "P1" });
    expect(routed.assignee?.id).toBe(agent.id);
    await db.agentProfile.update({ where: { userId: other.id }, data: { capacity: 6 } });

    const caller = contextFor(other);
    const assign = async (priority: "P3" | "P4") => {
      const ticket = await newTicket({ priority });
      await db.ticket.update({ where: { id: ticket.id }, data: { assigneeId: null } });
      return updateTicket(db, caller, { id: ticket.id, version: ticket.version, assigneeId: agent.id });
    };
    expect((await assign("P4")).assignee?.id).toBe(agent.id);
    const refused = await assign("P3").catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe("UNPROCESSABLE");
    expect(isAppError(refused) && refused.userMessage).toMatch(
      /^assigneeId: .* is at capacity \(load 5 of 6; a P3 ticket adds 2\)/,
    );
    expect((await assign("P4")).assignee?.id).toBe(agent.id);
  });

  it("refuses an assignee from another team, by name", async () => {
    await freshAgents("consumer", 1, 100);
    const [courier] = await freshAgents("courier", 1, 100);
    if (!courier) throw new Error("a courier agent expected");
    const ticket = await newTicket({ category: "refund_request" });
    const change = { id: ticket.id, version: ticket.version, assigneeId: courier.id };
    const refused = await updateTicket(db, contextFor(null), change).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe("UNPROCESSABLE");
    expect(isAppError(refused) && refused.userMessage).toBe(
      `assigneeId: ${courier.name} is not a member of consumer support, which owns the ticket.`,
    );
  });
});
