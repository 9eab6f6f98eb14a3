import pg from "pg";
import { UTC_SESSION } from "../db/session.ts";
import { seedAlertEvents } from "./alert-events.ts";
import { seedAlerts } from "./alerts.ts";
import { seedCities, seedIndicators } from "./cities.ts";
import { seedCorrelationRules } from "./correlation-rules.ts";
import { DEMO_ACCOUNTS } from "./demo-accounts.ts";
import { seedEventSources } from "./event-sources.ts";
import { incidentsAt } from "./incidents.ts";
import { seedOncall } from "./oncall.ts";
import { seedPeople } from "./people.ts";
import { auditSeededEvents } from "./history-sql.ts";
import { floorToFiveMinutes, Rng } from "./random.ts";
import { fillReportFacts } from "./report-facts.ts";
import { seedRiskEvents } from "./risk-events.ts";
import { seedRisk } from "./risk.ts";
import { seedTicketEvents } from "./ticket-events.ts";
import { seedTickets } from "./tickets.ts";
import { seedWorkflowTemplates } from "./workflows.ts";

// Realistic demo data for an empty database: deterministic, all in one transaction, skipped when present.

export interface SeedOptions {
  /** The seed's "now" (default: the current time); rounded down to its 5-minute bucket. */
  now?: Date;
  /** Multiplies the number of tickets and risk cases (default 1: ~20,000 tickets, ~300 cases). */
  scale?: number;
}

export interface SeedResult {
  seeded: boolean;
  /** Rows per seeded table, read back from the database. */
  counts: Record<string, number>;
}

const SEED = 0x5eed2026;
const TICKETS = 20_000;
const RISK_CASES = 300;
// Any constant: concurrent seeds of one database wait for each other.
const SEED_LOCK_KEY = 0x5eed;

const COUNTED_TABLES: Record<string, string> = {
  cities: "City",
  businessCalendars: "BusinessCalendar",
  holidays: "Holiday",
  teams: "Team",
  users: "User",
  agentProfiles: "AgentProfile",
  apiClients: "ApiClient",
  tickets: "Ticket",
  ticketComments: "TicketComment",
  ticketAssignments: "TicketAssignment",
  domainEvents: "DomainEvent",
  riskRuleSets: "RiskRuleSet",
  riskCases: "RiskCase",
  riskSignals: "RiskSignal",
  riskSubjectProfiles: "RiskSubjectProfile",
  mitigationActions: "MitigationAction",
  riskCaseTicketLinks: "RiskCaseTicketLink",
  cityIndicators: "CityIndicator",
  cityIndicatorsHourly: "CityIndicatorHourly",
  cityIndicatorsDaily: "CityIndicatorDaily",
  workflowTemplates: "WorkflowTemplate",
  alertRules: "AlertRule",
  alerts: "Alert",
  eventSources: "EventSource",
  eventSourceSecrets: "EventSourceSecret",
  oncallSchedules: "OncallSchedule",
  escalationPolicies: "EscalationPolicy",
  escalationRoutes: "EscalationRoute",
};

async function countRows(db: pg.ClientBase): Promise<Record<string, number>> {
  const columns = Object.entries(COUNTED_TABLES)
    .map(([key, table]) => `(SELECT count(*) FROM "${table}")::int AS "${key}"`)
    .join(", ");
  const result = await db.query<Record<string, number>>(`SELECT ${columns}`);
  return result.rows[0] ?? {};
}

export async function seedDatabase(databaseUrl: string, options: SeedOptions = {}): Promise<SeedResult> {
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new Error(`seed scale must be positive, got ${scale}`);
  const now = floorToFiveMinutes(options.now ?? new Date());
  const adminEmail = DEMO_ACCOUNTS.find((a) => a.roles.includes("admin"))?.email ?? "";

  const db = new pg.Client({ connectionString: databaseUrl, options: UTC_SESSION });
  await db.connect();
  try {
    await db.query("BEGIN");
    await db.query("SET LOCAL TIME ZONE 'UTC'");
    await db.query("SELECT pg_advisory_xact_lock($1)", [SEED_LOCK_KEY]);
    const existing = await db.query(`SELECT 1 FROM "User" WHERE email = $1`, [adminEmail]);
    if (existing.rowCount) {
      const counts = await countRows(db);
      await db.query("ROLLBACK");
      return { seeded: false, counts };
    }

    const rng = new Rng(SEED);
    const cityIds = await seedCities(db, rng.fork("cities"), now);
    const people = await seedPeople(db, rng.fork("people"), now);
    const tickets = await seedTickets(
      db,
      rng.fork("tickets"),
      now,
      people,
      cityIds,
      Math.round(TICKETS * scale),
    );
    await seedRisk(db, rng.fork("risk"), now, people, cityIds, tickets, Math.round(RISK_CASES * scale));
    // Their event history, so the reports (folded from events) show the demo's past 30 days.
    await seedTicketEvents(db, tickets);
    await seedRiskEvents(db, people.demoIds.risk_manager ?? null);
    const incidents = incidentsAt(now);
    await seedIndicators(db, rng.fork("indicators"), now, cityIds, incidents);
    await seedAlerts(db, rng.fork("alerts"), now, cityIds, incidents, people.demoIds.city_manager ?? null);
    await seedAlertEvents(db, rng.fork("alert-events"));
    await seedEventSources(db, rng.fork("event-sources"), now);
    await seedWorkflowTemplates(db, rng.fork("workflows"), now);
    await seedCorrelationRules(db, now);
    await seedOncall(db, rng.fork("oncall"), now, people);

    await auditSeededEvents(db);

    const counts = await countRows(db);
    await db.query(
      `INSERT INTO "AuditLog" ("actorType", action, "entityType", "entityId", "correlationId", details)
       VALUES ('system', 'seed.applied', 'database', 'seed', $1, $2)`,
      [rng.uuid7(now), { now: now.toISOString(), scale, counts }],
    );
    await db.query("COMMIT");
    await fillReportFacts(databaseUrl);
    return { seeded: true, counts };
  } catch (error) {
    await db.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}
