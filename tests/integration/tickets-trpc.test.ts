import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser, type SessionUser } from "../../server/auth/repository.ts";
import { z } from "zod";
import { getDb } from "../../server/db/client.ts";
import { queuePage } from "../../server/tickets/contract.ts";
import { priorityWeight } from "../../server/tickets/routing.ts";
import {
  freshAgents,
  newTicket,
  osaka,
  supportTeams,
  teamMember,
  trpcFor,
  type Teams,
} from "../support/tickets.ts";

const db = getDb();

async function trpcError(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

describe("tickets tRPC router", () => {
  let teams: Teams;
  let agent: SessionUser;
  let courierAgent: SessionUser;

  beforeAll(async () => {
    teams = await supportTeams();
    [agent] = (await freshAgents("consumer", 1, 200)) as [SessionUser];
    [courierAgent] = (await freshAgents("courier", 1, 200)) as [SessionUser];
  });

  it("scopes agents to their team; team leads and admins see every team", async () => {
    const consumer = await newTicket({ category: "refund_request" });
    const courier = await newTicket({ category: "courier_payout" });
    expect((await trpcFor(agent).tickets.get({ id: consumer.id })).ticket.id).toBe(consumer.id);
    expect((await trpcError(trpcFor(agent).tickets.get({ id: courier.id }))).code).toBe("NOT_FOUND");
    const page = await trpcFor(agent).tickets.queue({
      category: ["courier_payout", "refund_request"],
      limit: 200,
    });
    expect(page.items.every((item) => item.team.id === teams.consumer)).toBe(true);
    // The page is exactly the contract's shape, nothing more.
    expect(queuePage(z.date()).strict().parse(page)).toEqual(page);

    const lead = await teamMember("restaurant");
    expect((await trpcError(trpcFor(lead).tickets.get({ id: courier.id }))).code).toBe("NOT_FOUND");
    await db.team.update({ where: { id: teams.restaurant }, data: { leadId: lead.id } });
    const signedInLead = await loadSessionUser(db, lead.id);
    if (signedInLead === null) throw new Error("the lead can no longer sign in");
    expect(signedInLead.leadsTeam).toBe(true);
    expect((await trpcFor(signedInLead).tickets.get({ id: courier.id })).ticket.id).toBe(courier.id);
    const admin = await teamMember("consumer", ["admin"]);
    expect((await trpcFor(admin).tickets.get({ id: courier.id })).ticket.id).toBe(courier.id);
    const options = await trpcFor(agent).tickets.filterOptions();
    expect(options.teams.map((t) => t.key)).toEqual(["consumer"]);
    expect(options.agents.some((a) => a.id === courierAgent.id)).toBe(false);
    // Each agent comes with the weighted load of their open tickets, against their capacity.
    const open = await db.ticket.findMany({
      where: { assigneeId: agent.id, status: { in: ["new", "open", "pending"] } },
    });
    expect(open.length).toBeGreaterThan(0);
    expect(options.agents.find((a) => a.id === agent.id)).toMatchObject({
      capacity: 200,
      load: open.reduce((sum, t) => sum + priorityWeight(t.priority), 0),
    });
  });

  it("shows a ticket's city with its code on the detail and the queue rows, filtered by id or by code", async () => {
    const city = await osaka();
    const ticket = await newTicket({ city: "OSA" });
    const api = trpcFor(agent);
    expect((await api.tickets.get({ id: ticket.id })).ticket.city).toMatchObject({
      id: city.id,
      code: "OSA",
    });
    for (const filter of [{ cityId: city.id }, { city: "OSA" }]) {
      const page = await api.tickets.queue({ ...filter, limit: 200 });
      expect(page.items.find((item) => item.id === ticket.id)?.city).toMatchObject({
        id: city.id,
        code: "OSA",
      });
      expect(page.items.every((item) => item.city?.code === "OSA")).toBe(true);
    }
    expect((await trpcError(api.tickets.queue({ city: "QQX" }))).message).toMatch(/^city: /);
    expect((await trpcError(api.tickets.queue({ city: "OSA", cityId: city.id }))).code).toBe("BAD_REQUEST");
  });

  it("answers a stale version with CONFLICT carrying the current ticket, a refused transition with UNPROCESSABLE", async () => {
    const ticket = await newTicket();
    const api = trpcFor(agent);
    await api.tickets.update({ id: ticket.id, version: 1, priority: "P2" });
    const stale = await trpcError(api.tickets.update({ id: ticket.id, version: 1, status: "open" }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.cause).toMatchObject({
      details: { current: { id: ticket.id, version: 2, priority: "P2" } },
    });
    const refused = await trpcError(api.tickets.update({ id: ticket.id, version: 2, status: "closed" }));
    expect(refused.code).toBe("UNPROCESSABLE_CONTENT");
    expect(refused.message).toMatch(/resolve it first/);
    const notMember = await trpcError(
      api.tickets.update({ id: ticket.id, version: 2, assigneeId: courierAgent.id }),
    );
    expect(notMember.code).toBe("UNPROCESSABLE_CONTENT");
  });

  it("assigns to me, comments, and shows a timeline of reasons, comments and events oldest first", async () => {
    const ticket = await newTicket();
    const me = await teamMember("consumer");
    const api = trpcFor(me);
    const mine = await api.tickets.assignToMe({ id: ticket.id, version: 1 });
    expect(mine.assignee).toEqual({ id: me.id, name: me.name });
    await api.tickets.comment({
      id: ticket.id,
      version: 2,
      body: "お問い合わせありがとうございます",
      visibility: "public",
    });
    const { ticket: detail, timeline } = await api.tickets.get({ id: ticket.id });
    expect(detail).toMatchObject({ version: 3, status: "open", nextStatuses: ["pending", "resolved"] });
    expect(timeline.map((e) => (e.kind === "event" ? e.type : e.kind))).toEqual([
      "assignment",
      "TicketCreated",
      "TicketAssigned",
      "assignment",
      "TicketAssigned",
      "comment",
      "TicketStatusUpdated",
      "TicketCommented",
    ]);
    const times = timeline.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const manual = timeline.find(
      (e) => e.kind === "event" && e.type === "TicketAssigned" && e.actor.id === me.id,
    );
    expect(manual?.kind === "event" && manual.actor.name).toBe(me.name);
  });

  it("bulk-updates each ticket on its own: one refusal leaves the others changed", async () => {
    const a = await newTicket();
    const b = await newTicket();
    const closed = await newTicket();
    await db.ticket.update({ where: { id: closed.id }, data: { status: "closed" } });
    const { results } = await trpcFor(agent).tickets.bulkUpdate({
      ids: [a.id, closed.id, b.id],
      change: { priority: "P1" },
    });
    expect(results).toEqual([
      { id: a.id, ok: true },
      {
        id: closed.id,
        ok: false,
        error: { code: "UNPROCESSABLE", message: expect.stringMatching(/closed/) },
      },
      { id: b.id, ok: true },
    ]);
    const rows = await db.ticket.findMany({
      where: { id: { in: [a.id, b.id, closed.id] } },
      select: { id: true, priority: true },
    });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.priority]))).toEqual({
      [a.id]: "P1",
      [b.id]: "P1",
      [closed.id]: "P3",
    });
    expect((await trpcError(trpcFor(agent).tickets.bulkUpdate({ ids: [a.id], change: {} }))).code).toBe(
      "BAD_REQUEST",
    );
  });

  it("keeps saved views per user", async () => {
    const other = await teamMember("consumer");
    const api = trpcFor(agent);
    const saved = await api.tickets.savedViews.save({
      name: "Breached P1",
      query: { priority: ["P1"], sla: "breached", assignee: "me" },
    });
    await api.tickets.savedViews.save({
      name: "Breached P1",
      query: { priority: ["P1", "P2"], assignee: "me" },
    });
    const views = await api.tickets.savedViews.list();
    expect(views).toEqual([
      {
        id: saved.id,
        name: "Breached P1",
        query: { priority: ["P1", "P2"], assignee: "me" },
        createdAt: saved.createdAt,
      },
    ]);
    expect(await trpcFor(other).tickets.savedViews.list()).toEqual([]);
    expect(await trpcFor(other).tickets.savedViews.delete({ id: saved.id })).toEqual({ deleted: false });
    expect(await api.tickets.savedViews.delete({ id: saved.id })).toEqual({ deleted: true });
  });

  it("shares presence through the database", async () => {
    const ticket = await newTicket();
    const colleague = await teamMember("consumer");
    await trpcFor(agent).tickets.presence.heartbeat({ ticketId: ticket.id });
    const viewers = await trpcFor(colleague).tickets.presence.heartbeat({ ticketId: ticket.id });
    expect(viewers.map((v) => v.id).sort()).toEqual([agent.id, colleague.id].sort());
    expect((await trpcFor(agent).tickets.presence.viewers({ ticketId: ticket.id })).length).toBe(2);
    const stranger = await teamMember("courier");
    expect((await trpcError(trpcFor(stranger).tickets.presence.viewers({ ticketId: ticket.id }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("refuses roles without ticket permissions", async () => {
    const risk = await teamMember("consumer", ["risk_manager"]);
    expect((await trpcError(trpcFor(risk).tickets.queue({}))).code).toBe("FORBIDDEN");
  });
});
