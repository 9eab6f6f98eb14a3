import type { ClientBase } from "pg";
import { addDays, formatDate, isoWeekday, toLocal } from "../lib/timezone.ts";
import type { People } from "./people.ts";
import type { Rng } from "./random.ts";
import type { TeamKey } from "./reference.ts";
import { insertRows, type Row } from "./sql.ts";

// On-call out of the box: a weekly Tokyo rotation per support team and one for risk, the operations plan's
// L1 on-call → L2 lead → L3 admin policies routed to the console's clocks (P1/P2 first response and breach,
// critical risk cases, critical city alerts), responders' preferences paging in-app, and the console's in-app
// channel, so a page shows up in the bell without any external configuration.

const TIME_ZONE = "Asia/Tokyo";
const HANDOFF_MINUTE = 9 * 60;
const MONDAY = 1;
const ROTATION_SIZE = 4;
const IN_APP_EVERYWHERE = { critical: ["in_app"], high: ["in_app"], warning: ["in_app"], info: ["in_app"] };

/**
 * The rotation's first day: a Monday whole rotations before the current shift's, so the first participant (the
 * demo agent on the consumer team) is on call when the demo starts.
 */
function rotationStart(now: Date, participants: number): string {
  const local = toLocal(now, TIME_ZONE);
  const sinceMonday = (isoWeekday(local.date) - MONDAY + 7) % 7;
  const beforeHandoff = sinceMonday === 0 && local.minuteOfDay < HANDOFF_MINUTE;
  const currentShift = addDays(local.date, -sinceMonday - (beforeHandoff ? 7 : 0));
  return formatDate(addDays(currentShift, -7 * participants * 2));
}

const weeklyLayer = (name: string, participants: string[], now: Date) => ({
  id: "primary",
  name,
  kind: "weekly",
  handoffMinute: HANDOFF_MINUTE,
  handoffWeekday: MONDAY,
  startDate: rotationStart(now, participants.length),
  endDate: null,
  participants,
  restriction: null,
});

const level = (targets: object[], timeoutMinutes: number) => ({
  targets,
  timeoutMinutes,
  workingHoursOnly: false,
});

export interface SeededOncall {
  scheduleIds: Record<TeamKey | "risk", string>;
  policyIds: { support: string; risk: string; city: string };
}

export async function seedOncall(db: ClientBase, rng: Rng, now: Date, people: People): Promise<SeededOncall> {
  const created = new Date(now.getTime() - 30 * 86_400_000);
  const scheduleIds = {} as SeededOncall["scheduleIds"];
  const schedules: Row[] = [];
  const responders = new Set<string>();
  for (const [teamKey, teamId] of Object.entries(people.teamIds) as [TeamKey, string][]) {
    const team = people.agents.filter((agent) => agent.teamKey === teamKey);
    // The team's lead is its first seeded agent (not the demo agent): L2, so not in the L1 rotation.
    const lead = team.find((agent) => agent.id !== people.demoIds.support_agent);
    const rotation = team.filter((agent) => agent !== lead).slice(0, ROTATION_SIZE);
    const participants = rotation.map((agent) => agent.id);
    participants.forEach((id) => responders.add(id));
    scheduleIds[teamKey] = rng.uuid7(created);
    schedules.push({
      id: scheduleIds[teamKey],
      name: `Support on-call — ${teamKey}`,
      teamId,
      timezone: TIME_ZONE,
      layers: [weeklyLayer("Weekly", participants, now)],
      createdAt: created,
      updatedAt: created,
    });
  }
  const riskResponders = [people.demoIds.risk_manager, people.demoIds.admin].filter((id) => id !== undefined);
  riskResponders.forEach((id) => responders.add(id));
  scheduleIds.risk = rng.uuid7(created);
  schedules.push({
    id: scheduleIds.risk,
    name: "Risk on-call",
    teamId: null,
    timezone: TIME_ZONE,
    layers: [weeklyLayer("Weekly", riskResponders, now)],
    createdAt: created,
    updatedAt: created,
  });
  await insertRows(db, "OncallSchedule", schedules);

  const admin = { kind: "role", role: "admin" };
  const policyIds = { support: rng.uuid7(created), risk: rng.uuid7(created), city: rng.uuid7(created) };
  await insertRows(db, "EscalationPolicy", [
    {
      id: policyIds.support,
      name: "Support on-call",
      description: "The ticket's team on-call, then the team lead, then an admin.",
      levels: [level([{ kind: "team_oncall" }], 5), level([{ kind: "team_lead" }], 10), level([admin], 10)],
      createdAt: created,
      updatedAt: created,
    },
    {
      id: policyIds.risk,
      name: "Risk on-call",
      description: "The risk on-call, then the risk managers, then an admin.",
      levels: [
        level([{ kind: "schedule", scheduleId: scheduleIds.risk }], 5),
        level([{ kind: "role", role: "risk_manager" }], 10),
        level([admin], 10),
      ],
      createdAt: created,
      updatedAt: created,
    },
    {
      id: policyIds.city,
      name: "City on-call",
      description: "The city managers, then an admin.",
      levels: [level([{ kind: "role", role: "city_manager" }], 5), level([admin], 10)],
      createdAt: created,
      updatedAt: created,
    },
  ]);
  await insertRows(db, "EscalationRoute", [
    { trigger: "ticket.first_response", policyId: policyIds.support, updatedAt: created },
    { trigger: "ticket.sla_breach", policyId: policyIds.support, updatedAt: created },
    { trigger: "risk.critical", policyId: policyIds.risk, updatedAt: created },
    { trigger: "alert.critical", policyId: policyIds.city, updatedAt: created },
  ]);

  // Every responder pages in-app at every severity, around the clock (no quiet hours), until they choose more.
  const everyone = [...responders, ...Object.values(people.demoIds)];
  await insertRows(
    db,
    "OncallPreference",
    [...new Set(everyone)].map((userId) => ({
      userId,
      timezone: TIME_ZONE,
      workDays: [1, 2, 3, 4, 5],
      workStartMin: 9 * 60,
      workEndMin: 18 * 60,
      quietStartMin: null,
      quietEndMin: null,
      channels: IN_APP_EVERYWHERE,
      updatedAt: created,
    })),
  );
  await insertRows(db, "NotificationChannel", [
    {
      id: rng.uuid7(created),
      kind: "in_app",
      name: "Console (in-app)",
      config: {},
      createdAt: created,
      updatedAt: created,
    },
  ]);
  return { scheduleIds, policyIds };
}
