import { z } from "zod";
import type { EscalationStepDuePayload } from "../events/payloads.ts";
import { assertTimeZone } from "../lib/timezone.ts";
import { isLocalDate } from "./local-dates.ts";
import { CHANNELS, SEVERITIES } from "./working-hours.ts";

// The on-call contract: schedules (layers, overrides, swaps), escalation policies (levels and their targets),
// responder preferences, and the inputs and views of the tRPC procedures. Instants are Date (tRPC/superjson).

const timeZone = z.string().refine(
  (value) => {
    try {
      assertTimeZone(value);
      return true;
    } catch {
      return false;
    }
  },
  { message: "timezone must be an IANA time zone such as Asia/Tokyo" },
);
const minuteOfDay = z.number().int().min(0, "minutes start at 0").max(1439, "minutes end at 1439");
const localDate = z.string().refine(isLocalDate, { message: "must be a YYYY-MM-DD date" });

export const rotationLayer = z
  .object({
    id: z.string().min(1).max(40),
    name: z.string().trim().min(1, "name is required").max(80),
    kind: z.enum(["daily", "weekly"]),
    handoffMinute: minuteOfDay,
    handoffWeekday: z.number().int().min(1).max(7).default(1),
    startDate: localDate,
    endDate: localDate.nullable().default(null),
    participants: z.array(z.uuid("participants must be user ids")).max(50),
    restriction: z
      .object({ startMinute: minuteOfDay, endMinute: minuteOfDay })
      .refine((r) => r.startMinute !== r.endMinute, { message: "a window needs a start and an end" })
      .nullable()
      .default(null),
  })
  .refine((layer) => layer.endDate === null || layer.endDate > layer.startDate, {
    message: "endDate must be after startDate",
    path: ["endDate"],
  });

export const scheduleInput = z.object({
  name: z.string().trim().min(1, "name is required").max(120),
  teamId: z.uuid("teamId must be a team id").nullable().default(null),
  timezone: timeZone,
  layers: z
    .array(rotationLayer)
    .max(10, "at most 10 layers")
    .refine((layers) => new Set(layers.map((l) => l.id)).size === layers.length, {
      message: "layer ids must be unique",
    }),
});
export type ScheduleInput = z.output<typeof scheduleInput>;

export const scheduleIdInput = z.object({ scheduleId: z.uuid("scheduleId must be a schedule id") });
export const updateScheduleInput = scheduleInput.extend({
  scheduleId: z.uuid("scheduleId must be a schedule id"),
  version: z.number().int().min(1),
});

export const overrideInput = z
  .object({
    scheduleId: z.uuid("scheduleId must be a schedule id"),
    userId: z.uuid("userId must be a user id"),
    startsAt: z.coerce.date(),
    endsAt: z.coerce.date(),
    reason: z.string().max(500).default(""),
  })
  .refine((o) => o.endsAt > o.startsAt, { message: "endsAt must be after startsAt", path: ["endsAt"] })
  .refine((o) => o.endsAt.getTime() - o.startsAt.getTime() <= 31 * 86_400_000, {
    message: "an override lasts at most 31 days",
    path: ["endsAt"],
  });
export const removeOverrideInput = z.object({ overrideId: z.uuid("overrideId must be an override id") });

/** Two shifts of one layer change hands: each person takes the other's. */
export const swapInput = z.object({
  scheduleId: z.uuid("scheduleId must be a schedule id"),
  layerId: z.string().min(1),
  shiftStart: z.coerce.date(),
  otherShiftStart: z.coerce.date(),
});

export const windowInput = z
  .object({
    scheduleId: z.uuid("scheduleId must be a schedule id"),
    from: z.coerce.date(),
    days: z.number().int().min(1).max(62).default(14),
  })
  .strict();

// ── Escalation policies ──────────────────────────────────────────────────────

export const ROLE_NAMES = ["support_agent", "risk_manager", "city_manager", "admin"] as const;

const escalationTarget = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), userId: z.uuid("userId must be a user id") }),
  z.object({ kind: z.literal("schedule"), scheduleId: z.uuid("scheduleId must be a schedule id") }),
  z.object({ kind: z.literal("role"), role: z.enum(ROLE_NAMES) }),
  /** The lead of the object's team (tickets). */
  z.object({ kind: z.literal("team_lead") }),
  /** Whoever is on call on the schedule of the object's team. */
  z.object({ kind: z.literal("team_oncall") }),
  /** The people the object names when it starts escalating: an approval's approvers, an incident's commander. */
  z.object({ kind: z.literal("assignees") }),
]);
export type EscalationTarget = z.output<typeof escalationTarget>;

export const policyLevel = z.object({
  targets: z.array(escalationTarget).min(1, "a level needs at least one target").max(10),
  timeoutMinutes: z.number().int().min(1, "timeoutMinutes must be at least 1").max(1440),
  workingHoursOnly: z.boolean().default(false),
});
export type PolicyLevel = z.output<typeof policyLevel>;

export const policyInput = z.object({
  name: z.string().trim().min(1, "name is required").max(120),
  description: z.string().max(1000).default(""),
  levels: z.array(policyLevel).min(1, "a policy needs at least one level").max(10),
  repeat: z.number().int().min(0).max(5).default(0),
});
export type PolicyInput = z.output<typeof policyInput>;

export const updatePolicyInput = policyInput.extend({
  policyId: z.uuid("policyId must be a policy id"),
  version: z.number().int().min(1),
});
export const policyIdInput = z.object({ policyId: z.uuid("policyId must be a policy id") });

/** What an escalation keeps of its policy when it starts. */
export const policySnapshot = z.object({
  policyId: z.uuid().nullable(),
  name: z.string(),
  version: z.number().int(),
  levels: z.array(policyLevel),
  repeat: z.number().int(),
  /** Who `assignees` targets page, fixed when the escalation starts. */
  assignees: z.array(z.uuid()).default([]),
});
export type PolicySnapshot = z.output<typeof policySnapshot>;

const TRIGGERS = [
  "ticket.first_response",
  "ticket.sla_breach",
  "risk.critical",
  "risk.high",
  "alert.critical",
  "alert.warning",
  "alert.info",
  "workflow.approval_requested",
  "workflow.stalled",
  "incident.p1",
  "incident.p2",
  "incident.p3",
  "incident.p4",
  "incident.target_missed",
  "hub.source_silent",
] as const;
export const routeInput = z.object({
  trigger: z.union([z.enum(TRIGGERS), z.string().regex(/^alert\.rule:[0-9a-f-]{36}$/, "unknown trigger")]),
  policyId: z.uuid("policyId must be a policy id").nullable(),
});

// ── Preferences and acknowledgement ──────────────────────────────────────────

export const preferenceInput = z.object({
  timezone: timeZone,
  workDays: z.array(z.number().int().min(1).max(7)).max(7),
  workStartMin: minuteOfDay,
  workEndMin: z.number().int().min(1).max(1440),
  quietStartMin: minuteOfDay.nullable(),
  quietEndMin: minuteOfDay.nullable(),
  channels: z.partialRecord(z.enum(SEVERITIES), z.array(z.enum(CHANNELS)).max(CHANNELS.length)),
});
export type PreferenceInput = z.output<typeof preferenceInput>;

/** The objects an escalation can be about: the notification contract's list. */
export type ObjectType = EscalationStepDuePayload["objectType"];

/** The people picker: a search over names and e-mails, and the ids already chosen (to show their names). */
export const peopleInput = z.object({
  search: z.string().trim().max(100).default(""),
  ids: z.array(z.uuid("ids must be user ids")).max(60).default([]),
});

export const acknowledgeInput = z.object({ escalationId: z.uuid("escalationId must be an escalation id") });
