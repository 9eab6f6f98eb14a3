import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as actionItemRoute } from "../../app/api/operations/incidents/[id]/action-items/route.ts";
import { PATCH as patchRoute } from "../../app/api/operations/incidents/[id]/route.ts";
import { GET as timelineRoute } from "../../app/api/operations/incidents/[id]/timeline/route.ts";
import { getDb } from "../../server/db/client.ts";
import { addActionItem } from "../../server/incidents/action-items.ts";
import { changeIncidentState, declareIncident, postIncidentUpdate } from "../../server/incidents/service.ts";
import { isAppError } from "../../server/lib/errors.ts";
import { systemContext, userContext } from "../../server/lib/service-context.ts";
import { createTicket } from "../../server/tickets/create.ts";
import { drain } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";
import { supportTeams } from "../support/tickets.ts";
import { call, tokenWith } from "../support/workflow-rest.ts";

// The postmortem over REST. GET /api/operations/incidents/{id}/timeline exports the whole timeline oldest first:
// the incident's events, its members' events and the responders' notes in their words. Action items (POST
// …/{id}/action-items, scope incidents:write): 201 with the item id and one ticket opened for it; the category
// checked by the incidents service itself, so a direct call with a category no ticket has is a 400 naming
// `category` with nothing recorded (not a ticket that dead-letters later); an open incident a 422; an id that is
// not a UUID a 404, on PATCH too.

const db = getDb();
let token = "";
let readOnly = "";
let lead: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  await supportTeams();
  lead = await createUser(["city_manager", "admin"]);
  token = await tokenWith(["incidents:read", "incidents:write"]);
  readOnly = await tokenWith(["incidents:read"]);
});

const postItem = (id: string, body: unknown, bearer = token) =>
  call(actionItemRoute, {
    method: "POST",
    url: `/api/operations/incidents/${id}/action-items`,
    token: bearer,
    body,
    params: { id },
  });

async function resolvedIncident() {
  const ops = userContext(lead, "action-items");
  const incident = await declareIncident(db, ops, { title: "Osaka payouts late", priority: "P3" });
  return changeIncidentState(db, ops, { incidentId: incident.id, to: "resolved", expectedVersion: 1 });
}

const itemEvents = (incidentId: string) =>
  db.domainEvent.count({ where: { type: "IncidentActionItemAdded", aggregateId: incidentId } });

const item = {
  title: "Alert on payout batch delays",
  description: "Page the courier team when a payout batch is an hour late",
  category: "courier_payout",
  priority: "P2",
};

describe("postmortem action items over REST", () => {
  it("records the item (201) and the tickets domain opens one ticket for it", async () => {
    const incident = await resolvedIncident();
    const created = await postItem(incident.id, item);
    expect(created.status).toBe(201);
    const itemId = created.body.itemId as string;
    expect(itemId).toMatch(/^[0-9a-f-]{36}$/);
    const audit = await db.auditLog.findFirst({
      where: { entityId: incident.id, action: "IncidentActionItemAdded" },
    });
    expect(audit).not.toBeNull();
    await drain("tickets.incident-action-items");
    const ticket = await db.ticket.findUniqueOrThrow({ where: { externalId: `incident-action:${itemId}` } });
    expect(ticket).toMatchObject({
      subject: `[Incident #${incident.number}] ${item.title}`,
      category: "courier_payout",
      priority: "P2",
      source: "internal",
    });
  });

  it("refuses a category no ticket has at the edge and in the service, naming `category`", async () => {
    const incident = await resolvedIncident();
    const overRest = await postItem(incident.id, { ...item, category: "misc" });
    expect(overRest.status).toBe(400);
    expect(JSON.stringify(overRest.body.error)).toContain("category");

    // A direct call skips every edge: the service itself refuses, before anything is written.
    const direct = await addActionItem(db, userContext(lead, "direct"), {
      incidentId: incident.id,
      ...item,
      category: "misc",
    }).catch((error: unknown) => error);
    expect(isAppError(direct) && [direct.code, direct.details]).toEqual([
      "BAD_REQUEST",
      { field: "category" },
    ]);
    expect(isAppError(direct) && direct.userMessage).toContain("courier_payout");
    expect(await itemEvents(incident.id)).toBe(0);
  });

  it("answers 422 while the incident is open, 404 for an id that is no UUID or no incident, 403 without write", async () => {
    const open = await declareIncident(db, userContext(lead, "open"), {
      title: "Still burning",
      priority: "P3",
    });
    const early = await postItem(open.id, item);
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain("resolved incident");
    expect(await itemEvents(open.id)).toBe(0);

    expect((await postItem("not-a-uuid", item)).status).toBe(404);
    expect((await postItem(randomUUID(), item)).status).toBe(404);
    const patched = await call(patchRoute, {
      method: "PATCH",
      url: "/api/operations/incidents/not-a-uuid",
      token,
      body: { state: "triaged", version: 1 },
      params: { id: "not-a-uuid" },
    });
    expect(patched.status).toBe(404);

    const resolved = await resolvedIncident();
    expect((await postItem(resolved.id, item, readOnly)).status).toBe(403);
    expect(await itemEvents(resolved.id)).toBe(0);
  });
});

describe("postmortem timeline export over REST", () => {
  it("exports the incident's and its members' events and the notes, oldest first", async () => {
    const { ticket } = await createTicket(db, systemContext("test"), {
      subject: "Courier never paid",
      description: "Payout missing for last week",
      priority: "P3",
      category: "courier_payout",
      source: "courier",
      language: "ja",
      requesterName: "Courier",
      requesterEmail: `courier-${randomUUID()}@example.test`,
    });
    const ops = userContext(lead, "timeline");
    const incident = await declareIncident(db, ops, {
      title: "Payouts late in Osaka",
      priority: "P3",
      source: { kind: "ticket", id: ticket.id },
    });
    await postIncidentUpdate(db, ops, {
      incidentId: incident.id,
      visibility: "internal",
      body: "Bank file rejected",
    });
    await changeIncidentState(db, ops, { incidentId: incident.id, to: "resolved", expectedVersion: 1 });

    const exported = await call(timelineRoute, {
      method: "GET",
      url: `/api/operations/incidents/${incident.id}/timeline`,
      token: readOnly,
      params: { id: incident.id },
    });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({
      incident: { id: incident.id, state: "resolved" },
      truncated: false,
    });
    const entries = exported.body.entries as {
      at: string;
      type: string;
      aggregateType: string;
      summary: string;
    }[];
    // Whether an agent takes the ticket (TicketAssigned) depends on who else this database has on shift.
    expect(entries.map((e) => e.type).filter((type) => type !== "TicketAssigned")).toEqual([
      "TicketCreated",
      "IncidentDeclared",
      "IncidentMemberJoined",
      "IncidentUpdatePosted",
      "IncidentStateChanged",
      "IncidentResolved",
    ]);
    expect(entries.find((e) => e.type === "IncidentUpdatePosted")?.summary).toBe(
      "internal: Bank file rejected",
    );
    const times = entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const unknown = await call(timelineRoute, {
      method: "GET",
      url: "/api/operations/incidents/nope/timeline",
      token: readOnly,
      params: { id: "nope" },
    });
    expect(unknown.status).toBe(404);
  });
});
