import type { ClientBase } from "pg";
import { withUnassignedCheck } from "../tickets/sla-fields.ts";
import type { TicketCategory, TicketPriority, TicketSource, TicketStatus } from "../db/generated/enums.ts";
import { fakePerson, fakeRestaurant, orderRef } from "./names.ts";
import type { Agent, People } from "./people.ts";
import { MINUTE_MS, type Rng } from "./random.ts";
import { CITIES, TEAMS, type TeamKey } from "./reference.ts";
import { insertRows, type Row } from "./sql.ts";
import { activeEmailIndex, encryptNullable, encryptPii } from "../lib/pii-cipher.ts";
import { piiKeyring } from "../lib/pii-keyring.ts";
import {
  draftTicket,
  naturalStatus,
  sampleCreatedAt,
  settleTicket,
  type TicketDraft,
} from "./ticket-timeline.ts";
import { TICKET_TEXTS, fillTemplate } from "./ticket-texts.ts";
import { assignmentReason } from "../tickets/assignment-reason.ts";
import { pickAssignee, priorityWeight } from "../tickets/routing.ts";
import { seedTicketActivity, type SeededTicket } from "./ticket-activity.ts";

const STATUSES: readonly TicketStatus[] = ["new", "open", "pending", "resolved", "closed"];
const PRIORITIES: readonly TicketPriority[] = ["P1", "P2", "P3", "P4"];
const ORDER_CATEGORIES: ReadonlySet<TicketCategory> = new Set([
  "order_issue",
  "delivery_delay",
  "missing_item",
  "refund_request",
  "payment",
  "courier_safety",
]);

interface Planned {
  draft: TicketDraft;
  status: TicketStatus;
  source: TicketSource;
  teamKey: TeamKey;
  category: TicketCategory;
}

function planTicket(rng: Rng, now: number): Planned {
  const source = rng.weighted<TicketSource>([
    ["consumer", 56],
    ["restaurant", 20],
    ["courier", 19],
    ["internal", 5],
  ]);
  const teamKey: TeamKey = source === "internal" ? rng.pick(["consumer", "restaurant", "courier"]) : source;
  const category = rng.pick(TEAMS.find((t) => t.key === teamKey)?.categories ?? []);
  const urgent = category === "courier_safety" || category === "payment";
  const priority = rng.weighted<TicketPriority>(
    urgent
      ? [
          ["P1", 25],
          ["P2", 40],
          ["P3", 30],
          ["P4", 5],
        ]
      : [
          ["P1", 3],
          ["P2", 15],
          ["P3", 52],
          ["P4", 30],
        ],
  );
  const draft = draftTicket(rng, sampleCreatedAt(rng, now), priority);
  return { draft, status: naturalStatus(draft, now), source, teamKey, category };
}

const MIN_PER_PAIR = 3;

/** Every status × priority pair appears a few times: short pairs take over the newest tickets of that priority. */
function coverAllPairs(plans: Planned[]): void {
  const counts = new Map<string, number>();
  const count = (status: TicketStatus, priority: TicketPriority) => counts.get(`${status}:${priority}`) ?? 0;
  const bump = (status: TicketStatus, priority: TicketPriority, by: number) =>
    counts.set(`${status}:${priority}`, count(status, priority) + by);
  plans.forEach((p) => bump(p.status, p.draft.priority, 1));
  const newestFirst = [...plans].sort((a, b) => b.draft.createdAt - a.draft.createdAt);
  const imposed = new Set<Planned>();
  for (const priority of PRIORITIES) {
    for (const status of STATUSES) {
      while (count(status, priority) < MIN_PER_PAIR) {
        const taken = newestFirst.find(
          (p) => p.draft.priority === priority && !imposed.has(p) && count(p.status, priority) > MIN_PER_PAIR,
        );
        if (!taken) break;
        bump(taken.status, priority, -1);
        bump(status, priority, 1);
        taken.status = status;
        imposed.add(taken);
      }
    }
  }
}

/** The requester's name and email are stored encrypted, the email's blind index beside them. */
function encryptRequester(row: Row): Row {
  const keyring = piiKeyring();
  const email = row.requesterEmail as string | null;
  return {
    ...row,
    requesterName: encryptPii(keyring, String(row.requesterName)),
    requesterEmail: encryptNullable(keyring, email),
    requesterEmailIndex: activeEmailIndex(keyring, email),
  };
}

function requester(rng: Rng, source: TicketSource, language: string, cityNameJa: string) {
  if (source === "restaurant") {
    return {
      requesterName: fakeRestaurant(rng, cityNameJa),
      requesterEmail: `store${rng.digits(5)}@partner.example.jp`,
    };
  }
  if (source === "internal") {
    return {
      requesterName: language === "ja" ? "オペレーション監視" : "Ops monitoring",
      requesterEmail: null,
    };
  }
  const person = fakePerson(rng);
  return { requesterName: language === "ja" ? person.nameJa : person.nameEn, requesterEmail: person.email };
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (a === null || b === null) return a ?? b;
  return a.getTime() >= b.getTime() ? a : b;
}

// The seeded history was routed against three quarters of today's capacities (the teams took on more this week),
// so agents have room for new tickets and for tickets taken by hand, as a demonstration needs; the backlog the
// busy teams could not take then still waits unassigned.
const SEEDED_CAPACITY_SHARE = 0.75;

/**
 * The live routing rule over the team's agents with their loads so far. The demo's assignments stand for
 * today's state, so every agent counts as on shift.
 */
function routeTicket(
  plan: Planned,
  priority: TicketPriority,
  language: string,
  agents: readonly Agent[],
  load: ReadonlyMap<string, number>,
  lastAssigned: ReadonlyMap<string, Date>,
) {
  const team = agents
    .filter((a) => a.teamKey === plan.teamKey)
    .map((a) => ({
      ...a,
      capacity: Math.floor(a.capacity * SEEDED_CAPACITY_SHARE),
      load: load.get(a.id) ?? 0,
      onShift: true,
      lastAssignedAt: lastAssigned.get(a.id) ?? null,
    }));
  return pickAssignee({ category: plan.category, priority, language }, team);
}

export async function seedTickets(
  db: ClientBase,
  rng: Rng,
  now: Date,
  people: People,
  cityIds: Record<string, string>,
  count: number,
): Promise<SeededTicket[]> {
  const nowMs = now.getTime();
  const plans = Array.from({ length: count }, () => planTicket(rng, nowMs));
  coverAllPairs(plans);
  plans.sort((a, b) => a.draft.createdAt - b.draft.createdAt);

  const load = new Map<string, number>();
  const lastAssigned = new Map<string, Date>();
  const ticketRows: Row[] = [];
  const assignmentRows: Row[] = [];
  const slaCheckRows: Row[] = [];
  const seeded: SeededTicket[] = [];
  plans.forEach((plan, index) => {
    const createdAt = new Date(plan.draft.createdAt);
    const id = rng.uuid7(createdAt);
    const times = settleTicket(rng, plan.draft, plan.status, nowMs);
    // The next SLA check has a table of its own.
    const { slaNextCheckAt: deadlineCheck, ...ticketColumns } = times;
    const language = rng.chance(0.18) ? "en" : "ja";
    const aboutOrder = ORDER_CATEGORIES.has(plan.category);
    const cityless = !aboutOrder && (plan.source === "internal" || plan.category === "account_access");
    const city = cityless && rng.chance(0.5) ? null : rng.weighted(CITIES.map((c) => [c, c.size] as const));
    const order = city && aboutOrder ? orderRef(rng, city.code) : null;
    const text = rng.pick(TICKET_TEXTS[plan.category][language === "ja" ? "ja" : "en"]);
    const values = {
      order: order ?? "—",
      restaurant: fakeRestaurant(rng, city?.nameJa ?? "東京"),
      minutes: String(rng.int(30, 95)),
      amount: String(rng.int(120, 880) * 10),
    };
    const active = plan.status === "new" || plan.status === "open" || plan.status === "pending";
    // Load counts at today's priority, which a breach may have raised since creation.
    const weight = priorityWeight(times.priority);
    let assigneeId: string | null = null;
    if (active && rng.chance(plan.status === "new" ? 0.3 : 0.93)) {
      const decision = routeTicket(plan, times.priority, language, people.agents, load, lastAssigned);
      if (decision.assigneeId !== null) {
        assigneeId = decision.assigneeId;
        load.set(assigneeId, (load.get(assigneeId) ?? 0) + weight);
        const decidedAt = new Date(
          plan.draft.createdAt + Math.min(rng.range(0.2, 3) * MINUTE_MS, nowMs - plan.draft.createdAt),
        );
        lastAssigned.set(assigneeId, decidedAt);
        assignmentRows.push({
          id: rng.uuid7(decidedAt),
          ticketId: id,
          assigneeId,
          teamId: people.teamIds[plan.teamKey],
          decidedBy: "auto",
          reason: assignmentReason(decision),
          createdAt: decidedAt,
        });
      }
    } else if (!active && rng.chance(0.97)) {
      const team = people.agents.filter((a) => a.teamKey === plan.teamKey);
      const skilled = team.filter((a) => a.skills.includes(plan.category));
      assigneeId = rng.pick(skilled.length > 0 ? skilled : team).id;
    }
    // A ticket left waiting unassigned was escalated when its SLA neared, as the sweep does; until then it is due
    // a check at that moment.
    const atRiskAt = times.slaAtRiskAt;
    const nearedUnassigned =
      assigneeId === null && atRiskAt !== null && atRiskAt.getTime() <= nowMs ? atRiskAt : null;
    const slaNextCheckAt =
      assigneeId === null && nearedUnassigned === null
        ? withUnassignedCheck(deadlineCheck, atRiskAt)
        : deadlineCheck;
    const escalation = {
      unassignedEscalatedAt: nearedUnassigned,
      escalationLevel: times.escalationLevel + (nearedUnassigned === null ? 0 : 1),
      escalatedAt: latest(times.escalatedAt, nearedUnassigned),
    };
    const changes = [
      times.firstRespondedAt,
      times.slaPausedAt,
      times.resolvedAt,
      times.closedAt,
      escalation.escalatedAt,
    ];
    ticketRows.push({
      id,
      number: index + 1,
      externalId: plan.source !== "internal" && rng.chance(0.12) ? `ZD-${100000 + index}` : null,
      subject: fillTemplate(text.subject, values),
      description: fillTemplate(text.description, values),
      category: plan.category,
      source: plan.source,
      language,
      cityId: city ? cityIds[city.code] : null,
      teamId: people.teamIds[plan.teamKey],
      assigneeId,
      ...requester(rng, plan.source, language, city?.nameJa ?? "東京"),
      orderRef: order,
      version: 1 + changes.filter((c) => c !== null).length + (assigneeId ? 1 : 0),
      ...ticketColumns,
      ...escalation,
      createdAt,
    });
    if (slaNextCheckAt !== null) slaCheckRows.push({ ticketId: id, dueAt: slaNextCheckAt });
    seeded.push({
      id,
      createdAt: plan.draft.createdAt,
      category: plan.category,
      teamKey: plan.teamKey,
      assigneeId,
      language,
      createdPriority: plan.draft.priority,
      times,
    });
  });

  await insertRows(db, "Ticket", ticketRows.map(encryptRequester));
  await db.query(
    `SELECT setval(pg_get_serial_sequence('"Ticket"', 'number'), GREATEST($1::int, 1), $1::int > 0)`,
    [ticketRows.length],
  );
  await insertRows(db, "TicketSlaCheck", slaCheckRows);
  await insertRows(db, "TicketAssignment", assignmentRows);
  await db.query(
    `UPDATE "AgentProfile" p SET "lastAssignedAt" = a.last
       FROM (SELECT "assigneeId", max("createdAt") AS last FROM "TicketAssignment" GROUP BY "assigneeId") a
      WHERE a."assigneeId" = p."userId"`,
  );
  await seedTicketActivity(db, rng, seeded, people);
  return seeded;
}
