import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchRoute } from "../../app/api/operations/incidents/[id]/route.ts";
import { GET as listRoute, POST as declareRoute } from "../../app/api/operations/incidents/route.ts";
import { getDb } from "../../server/db/client.ts";
import { incidentRoom } from "../../server/incidents/queries.ts";
import {
  declareIncident,
  linkIncident,
  postIncidentUpdate,
  removeIncidentMember,
} from "../../server/incidents/service.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { userContext } from "../../server/lib/service-context.ts";
import { createRule } from "../support/alerts.ts";
import { createCity } from "../support/cities.ts";
import { createApiClient, createUser } from "../support/fixtures.ts";
import { newTicket, supportTeams } from "../support/tickets.ts";

// Incidents by hand and over REST: declared from a ticket or an alert that exists (a source naming nothing is a
// 422 naming `source.id`, and without a city of its own the incident takes its source's), a stale PATCH is a 409
// carrying the current incident, a refused transition a 422 with its reason, bad input a 400 naming the field, a
// removed member audited, the scopes enforced.

const db = getDb();
let token = "";
let readOnly = "";

async function tokenWith(scopes: string[]) {
  const client = await createApiClient(scopes);
  return (await issueClientCredentialsToken(db, { ...client, scope: null })).access_token;
}

type Body = Record<string, unknown> & {
  error?: {
    message: string;
    issues?: { path: string }[];
    details?: { current?: { version: number } };
  };
};

async function call(
  handler: (req: Request, ctx: never) => Promise<Response>,
  url: string,
  init: RequestInit,
  bearer = token,
  params = {},
) {
  const response = await handler(
    new Request(`http://localhost${url}`, {
      ...init,
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    }),
    { params: Promise.resolve(params) } as never,
  );
  return { status: response.status, body: (await response.json()) as Body };
}

const post = (body: unknown, bearer = token) =>
  call(
    declareRoute as never,
    "/api/operations/incidents",
    { method: "POST", body: JSON.stringify(body) },
    bearer,
  );
const patch = (id: string, body: unknown) =>
  call(
    patchRoute as never,
    `/api/operations/incidents/${id}`,
    { method: "PATCH", body: JSON.stringify(body) },
    token,
    { id },
  );

/** A firing alert of a fresh rule in `cityId`, as the evaluator would have stored it. */
async function firingAlert(cityId: string) {
  const rule = await createRule({ cityId });
  const now = new Date();
  return db.alert.create({
    data: {
      ruleId: rule.id,
      cityId,
      state: "firing",
      severity: "warning",
      pendingSince: now,
      firedAt: now,
      lastEvaluatedAt: now,
    },
  });
}

beforeAll(async () => {
  await supportTeams();
  token = await tokenWith(["incidents:read", "incidents:write"]);
  readOnly = await tokenWith(["incidents:read"]);
});

describe("incidents over REST", () => {
  it("declares, lists and moves an incident; a stale version is a 409 with the incident as it is now", async () => {
    const source = await firingAlert((await createCity("Osaka")).id);
    const created = await post({
      title: "Osaka couriers short",
      priority: "P1",
      source: { kind: "alert", id: source.id },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      state: "detected",
      version: 1,
      memberCount: 1,
      declaredVia: "manual:alert",
    });
    expect(
      new Date(created.body.respondDueAt as string).getTime() -
        new Date(created.body.createdAt as string).getTime(),
    ).toBe(15 * 60_000);

    const list = await call(
      listRoute as never,
      "/api/operations/incidents?state=open",
      { method: "GET" },
      readOnly,
    );
    expect((list.body.items as { id: string }[]).map((i) => i.id)).toContain(id);

    const moved = await patch(id, { state: "triaged", version: 1 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ state: "triaged", version: 2 });
    expect(moved.body.acknowledgedAt).not.toBeNull();

    const stale = await patch(id, { state: "investigating", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.details?.current?.version).toBe(2);

    const resolved = await patch(id, { state: "resolved", version: 2 });
    expect(resolved.status).toBe(200);
    const skipped = await patch(id, { state: "mitigating", version: 3 });
    expect(skipped.status).toBe(422);
    expect(skipped.body.error?.message).toContain("resolved");
    const events = await db.domainEvent.findMany({ where: { aggregateId: id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual([
      "IncidentDeclared",
      "IncidentMemberJoined",
      "IncidentStateChanged",
      "IncidentStateChanged",
      "IncidentResolved",
    ]);
    expect(await db.auditLog.count({ where: { entityId: id } })).toBe(5);
  });

  it("answers 400 naming the field, and 403 without the write scope", async () => {
    const bad = await post({ title: "x y z", priority: "P9" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain("priority");
    const created = await post({ title: "Payments slow", priority: "P3" });
    const badPatch = await patch(created.body.id as string, { state: "triaged", version: "one" });
    expect(badPatch.status).toBe(400);
    expect(JSON.stringify(badPatch.body.error)).toContain("version");
    // Resolving the tickets belongs to resolving the incident only.
    const notResolving = await patch(created.body.id as string, {
      state: "triaged",
      version: 1,
      resolveTickets: true,
    });
    expect(notResolving.status).toBe(400);
    expect(notResolving.body.error?.issues?.[0]?.path).toBe("resolveTickets");
    const resolving = await patch(created.body.id as string, {
      state: "resolved",
      version: 1,
      resolveTickets: true,
      resolutionNote: "Payments are fast again",
    });
    expect(resolving.status).toBe(200);
    expect(resolving.body).toMatchObject({
      state: "resolved",
      respondEscalatedAt: null,
      mitigateEscalatedAt: null,
    });
    expect((await post({ title: "Payments slow", priority: "P3" }, readOnly)).status).toBe(403);
  });

  it("refuses a source naming nothing with a 422 naming source.id, and writes no incident", async () => {
    const before = await db.incident.count();
    for (const source of [
      { kind: "alert", id: randomUUID() },
      { kind: "ticket", id: randomUUID() },
      { kind: "risk_case", id: randomUUID() },
      // Not a uuid at all: still "no such source", not a 500 from the uuid column.
      { kind: "ticket", id: "TCK-1234" },
    ]) {
      const refused = await post({ title: "Ghost source", priority: "P2", source });
      expect(refused.status).toBe(422);
      expect(refused.body.error?.message).toBe(`source.id: no ${source.kind} ${source.id}`);
    }
    expect(await db.incident.count()).toBe(before);
    expect(await db.incidentMember.count({ where: { memberId: "TCK-1234" } })).toBe(0);
  });

  it("takes its source's city when it names none of its own", async () => {
    const city = await createCity("Sapporo");
    const ticket = await newTicket({ cityId: city.id });
    const fromTicket = await post({
      title: "Sapporo refunds",
      priority: "P3",
      source: { kind: "ticket", id: ticket.id },
    });
    expect(fromTicket.status).toBe(201);
    expect(fromTicket.body).toMatchObject({ cityId: city.id, declaredVia: "manual:ticket", memberCount: 1 });

    const alert = await firingAlert(city.id);
    const fromAlert = await post({
      title: "Sapporo couriers short",
      priority: "P2",
      source: { kind: "alert", id: alert.id },
    });
    expect(fromAlert.status).toBe(201);
    expect(fromAlert.body).toMatchObject({ cityId: city.id, declaredVia: "manual:alert" });

    // A city named on the declare wins over the source's.
    const elsewhere = await createCity("Fukuoka");
    const named = await post({
      title: "Fukuoka couriers short",
      priority: "P2",
      cityId: elsewhere.id,
      source: { kind: "alert", id: alert.id },
    });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({ cityId: elsewhere.id });
  });
});

describe("incident room", () => {
  it("removes a wrongly joined member with who and why, audited, and shows updates and the link", async () => {
    const admin = await createUser(["admin"]);
    const ops = userContext(admin, "room");
    const ticketId = (await newTicket()).id;
    const incident = await declareIncident(db, ops, {
      title: "Tokyo refunds",
      priority: "P2",
      source: { kind: "ticket", id: ticketId },
    });
    await postIncidentUpdate(db, ops, {
      incidentId: incident.id,
      visibility: "public",
      body: "We are on it.",
    });
    const room = await incidentRoom(db, ops, incident.id);
    const member = room.members[0]!;
    expect(room.updates.map((u) => u.body)).toEqual(["We are on it."]);
    // The timeline carries the responders' notes in their words (the members' events: incidents-propagation).
    expect(room.timeline.find((e) => e.type === "IncidentUpdatePosted")?.summary).toBe(
      "public: We are on it.",
    );

    const agent = await createUser(["support_agent"]);
    await expect(
      removeIncidentMember(db, userContext(agent, "rm"), {
        incidentId: incident.id,
        memberRowId: member.id,
        reason: "not related",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await removeIncidentMember(db, ops, {
      incidentId: incident.id,
      memberRowId: member.id,
      reason: "Another restaurant",
    });
    const after = await incidentRoom(db, ops, incident.id);
    expect(after.incident.memberCount).toBe(0);
    expect(after.members[0]).toMatchObject({ removedReason: "Another restaurant" });
    const audit = await db.auditLog.findFirst({
      where: { entityId: incident.id, action: "IncidentMemberRemoved" },
    });
    expect(audit?.actorId).toBe(admin.id);
    expect(audit?.details).toMatchObject({ memberId: ticketId, reason: "Another restaurant" });

    // Linking needs a resolved incident.
    const other = await declareIncident(db, ops, { title: "Tokyo refunds again", priority: "P2" });
    await expect(
      linkIncident(db, ops, { incidentId: other.id, linkedIncidentId: incident.id }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
