import { randomBytes, randomUUID } from "node:crypto";
import { createCaller } from "../../server/api/root.ts";
import type { Context } from "../../server/api/trpc.ts";
import type { Role } from "../../server/auth/permissions.ts";
import type { SessionUser } from "../../server/auth/repository.ts";
import { getDb } from "../../server/db/client.ts";
import { logger } from "../../server/lib/logger.ts";
import {
  fixedClock,
  SYSTEM_CLOCK,
  systemContext,
  userContext,
  type ServiceContext,
} from "../../server/lib/service-context.ts";
import type { CreateTicketInput } from "../../server/tickets/contract.ts";
import { createTicket } from "../../server/tickets/create.ts";
import { TICKET_CATEGORIES, type TeamKey } from "../../server/tickets/types.ts";

// Builders for the ticket integration tests. Routing picks among a team's agents, so tests that care about
// who gets a ticket start with freshAgents, which disables the agents earlier tests left in that team.

const db = getDb();
const TEAM_KEYS: readonly TeamKey[] = ["consumer", "restaurant", "courier"];
const JP_HOLIDAYS = ["2026-01-01", "2026-05-04", "2026-05-05", "2026-05-06", "2026-11-03", "2026-11-23"];

export type Teams = Record<TeamKey, string>;

/** The three support teams on a Tokyo 09:00–18:00 Mon–Fri calendar; created once per database. */
export async function supportTeams(): Promise<Teams> {
  const calendar = await db.businessCalendar.upsert({
    where: { name: "Tickets test calendar" },
    create: {
      name: "Tickets test calendar",
      timezone: "Asia/Tokyo",
      dayStartMin: 540,
      dayEndMin: 1080,
      workDays: [1, 2, 3, 4, 5],
      holidays: {
        create: JP_HOLIDAYS.map((date) => ({ date: new Date(`${date}T00:00:00Z`), name: "holiday" })),
      },
    },
    update: {},
  });
  const ids = await Promise.all(
    TEAM_KEYS.map(async (key) => {
      const team = await db.team.upsert({
        where: { key },
        create: { key, name: `${key} support`, nameJa: `${key}サポート`, calendarId: calendar.id },
        update: {},
      });
      return [key, team.id] as const;
    }),
  );
  return Object.fromEntries(ids) as Teams;
}

async function createMember(teamId: string, roles: Role[]): Promise<SessionUser> {
  const email = `agent-${randomBytes(4).toString("hex")}@tickets.test`;
  const row = await db.user.create({
    data: { email, name: `Agent ${email}`, passwordHash: "unused", roles, teamId },
  });
  return {
    id: row.id,
    email,
    name: row.name,
    roles,
    permissions: [],
    teamId,
    leadsTeam: false,
    locale: "en",
  };
}

/** Agents always on shift, with every skill and both languages; the team's earlier agents are disabled. */
export async function freshAgents(teamKey: TeamKey, count: number, capacity: number): Promise<SessionUser[]> {
  const teams = await supportTeams();
  await db.user.updateMany({
    where: { teamId: teams[teamKey], disabledAt: null },
    data: { disabledAt: new Date() },
  });
  const agents: SessionUser[] = [];
  for (let i = 0; i < count; i++) {
    const agent = await createMember(teams[teamKey], ["support_agent"]);
    await db.agentProfile.create({
      data: {
        userId: agent.id,
        skills: [...TICKET_CATEGORIES],
        languages: ["ja", "en"],
        capacity,
        shiftStartMin: 0,
        shiftEndMin: 1440,
        workDays: [1, 2, 3, 4, 5, 6, 7],
      },
    });
    agents.push(agent);
  }
  return agents;
}

/** Osaka (code OSA), as the seed names it; tests share one database, so an earlier test may have made it. */
export function osaka() {
  return db.city.upsert({
    where: { code: "OSA" },
    create: { code: "OSA", name: "Osaka", nameJa: "大阪", latitude: 34.69, longitude: 135.5 },
    update: {},
  });
}

/** A support agent of the team who takes no routed tickets (no agent profile). */
export async function teamMember(teamKey: TeamKey, roles: Role[] = ["support_agent"]): Promise<SessionUser> {
  return createMember((await supportTeams())[teamKey], roles);
}

/** A user's context, or (null) the system acting for every team; at `now` when given, else on the wall clock. */
export function contextFor(user: SessionUser | null, now?: Date): ServiceContext {
  const clock = now === undefined ? SYSTEM_CLOCK : fixedClock(now);
  const correlationId = `test-${randomUUID()}`;
  return user === null
    ? systemContext("tickets-test", { correlationId, clock })
    : userContext(user, correlationId, clock);
}

export const trpcFor = (user: SessionUser) => {
  const ctx: Context = { db, user, correlationId: `test-${randomUUID()}`, log: logger };
  return createCaller(ctx);
};

export function ticketInput(overrides: Partial<CreateTicketInput> = {}): CreateTicketInput {
  return {
    subject: "注文が届きません",
    description: "配達予定時刻を30分過ぎても届いていません。",
    priority: "P3",
    category: "delivery_delay",
    source: "consumer",
    language: "ja",
    requesterName: "山田 太郎",
    ...overrides,
  };
}

export async function newTicket(overrides: Partial<CreateTicketInput> = {}, now?: Date) {
  return (await createTicket(db, contextFor(null, now), ticketInput(overrides))).ticket;
}
