import type { Session } from "next-auth";
import { beforeAll, describe, expect, it } from "vitest";
import { reportCsvResponse } from "../../server/api/reports-csv.ts";
import { insertUserSession } from "../../server/auth/session-repository.ts";
import { getDb } from "../../server/db/client.ts";
import { userContext } from "../../server/lib/service-context.ts";
import { runReport } from "../../server/reports/service.ts";
import { changeTicket } from "../../server/tickets/service.ts";
import { runSlaSweep } from "../../server/tickets/sla-sweep.ts";
import { drain } from "../support/backbone.ts";
import { createUser } from "../support/fixtures.ts";
import { contextFor, freshAgents, newTicket } from "../support/tickets.ts";

// The CSV export of a report's items: signed-in users only, the report's own access rules, and as many rows as
// the figure it drills into counts.

const db = getDb();
const T0 = new Date("2026-03-09T01:00:00Z");
const from = new Date(Date.now() - 3_600_000).toISOString();
let to = "";

async function sessionFor(roles: Parameters<typeof createUser>[0], grants: string[] = []): Promise<Session> {
  const user = await createUser(roles, grants);
  const sessionId = await insertUserSession(db, {
    userId: user.id,
    expiresAt: new Date(Date.now() + 3_600_000),
    mfaVerifiedAt: null,
    userAgent: null,
  });
  return { user: { id: user.id }, sessionId, expires: "" } as unknown as Session;
}

async function csv(session: Session | null, query: string) {
  const response = await reportCsvResponse(
    db,
    session,
    new Request(`http://localhost/api/reports/ticket-sla/csv?${query}`),
    "ticket-sla",
  );
  const text = await response.text();
  return { status: response.status, lines: text.trim().split("\n"), text };
}

beforeAll(async () => {
  await freshAgents("consumer", 2, 200);
  for (let i = 0; i < 9; i++) {
    const ticket = await newTicket({ priority: i % 2 === 0 ? "P1" : "P2" }, T0);
    if (i % 3 === 0) {
      await changeTicket(db, contextFor(null, T0), {
        id: ticket.id,
        version: null,
        change: { status: "resolved" },
      });
    }
  }
  await runSlaSweep(db, contextFor(null, new Date(T0.getTime() + 86_400_000)));
  while ((await drain("reports.ticket-facts")) > 0);
  to = new Date(Date.now() + 60_000).toISOString();
});

describe("reports: CSV export", () => {
  it("has one row per ticket the figure counts: the breached tickets of one team, and the whole cohort", async () => {
    const session = await sessionFor(["support_agent"], ["tickets:all_teams"]);
    const lead = await createUser(["support_agent"], ["tickets:all_teams"]);
    const report = await runReport(db, userContext(lead, "csv-test"), {
      name: "ticket-sla",
      from: new Date(from),
      to: new Date(to),
      groupBy: "team",
    });
    const team = report.rows.find((row) => (row.figures.firstResponse?.count ?? 0) > 0);
    if (!team) throw new Error("no team with decided first responses");
    const figure = team.figures.firstResponse!;
    const breached = figure.count - (figure.met ?? 0);
    expect(breached).toBeGreaterThan(0);

    const range = `from=${from}&to=${to}&groupBy=team&key=${team.key}`;
    const onlyBreached = await csv(session, `${range}&metric=firstResponse&filter=breached`);
    expect(onlyBreached.status).toBe(200);
    expect(onlyBreached.lines[0]).toBe("id,number,kind,group,status,at,minutes,breached,href");
    expect(onlyBreached.lines).toHaveLength(1 + breached);
    expect(onlyBreached.lines.slice(1).every((line) => line.includes(",true,/tickets/"))).toBe(true);

    const all = await csv(session, range);
    expect(all.lines).toHaveLength(1 + figure.count + figure.excluded);
  });

  it("is a 401 without a session, a 403 without the area's permission and a 400 naming a bad field", async () => {
    expect((await csv(null, "")).status).toBe(401);
    const cityManager = await sessionFor(["city_manager"]);
    expect((await csv(cityManager, "")).status).toBe(403);
    const agent = await sessionFor(["support_agent"]);
    const bad = await csv(agent, "filter=sometimes");
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("filter");
  });
});
