import { z } from "zod";
import { ruleDefinitionSchema } from "./correlation-rule.ts";
import { INCIDENT_PRIORITIES } from "./priority.ts";
import { INCIDENT_STATES } from "./state-machine.ts";

// Inputs and outputs of the incident use cases, for tRPC, REST and the screens alike.

const incidentPriority = z.enum(INCIDENT_PRIORITIES);
export const incidentState = z.enum(INCIDENT_STATES);
const memberKind = z.enum(["ticket", "risk_case", "alert"]);
export type IncidentMemberKind = z.infer<typeof memberKind>;

export const declareInput = z.object({
  title: z.string().trim().min(3).max(200),
  priority: incidentPriority,
  cityId: z.uuid().nullish(),
  restaurantId: z.string().trim().min(1).max(100).nullish(),
  courierId: z.string().trim().min(1).max(100).nullish(),
  area: z.string().trim().min(1).max(100).nullish(),
  commanderId: z.uuid().nullish(),
  /** The ticket, risk case or alert it was declared from; it becomes the first member. */
  source: z.object({ kind: memberKind, id: z.string().min(1).max(100) }).nullish(),
  /** A resolved incident this one follows on from. */
  linkedIncidentId: z.uuid().nullish(),
});

export const changeStateInput = z.object({
  incidentId: z.uuid(),
  to: incidentState,
  expectedVersion: z.number().int().min(1),
  reason: z.string().trim().max(1000).optional(),
  /** Resolving only: also resolve every linked ticket (each answered with the resolution note). */
  resolveTickets: z.boolean().default(false),
  /** Resolving with its tickets: what their requesters read; a bilingual default otherwise. */
  resolutionNote: z.string().trim().min(1).max(5000).optional(),
});

export const postUpdateInput = z.object({
  incidentId: z.uuid(),
  /** A public update also goes to every linked ticket as a public reply. */
  visibility: z.enum(["internal", "public"]),
  body: z.string().trim().min(1).max(5000),
});

/** A postmortem action item, opened as a ticket by the tickets domain. */
export const addActionItemInput = z.object({
  incidentId: z.uuid(),
  title: z.string().trim().min(3).max(180),
  description: z.string().trim().min(1).max(5000),
  /** One of the ticket categories: the service checks it against the schema's list (a 400 naming `category`). */
  category: z.string().trim().min(1).max(50),
  priority: incidentPriority.default("P3"),
});

export const removeMemberInput = z.object({
  incidentId: z.uuid(),
  memberRowId: z.uuid(),
  reason: z.string().trim().min(3).max(500),
});

export const assignCommanderInput = z.object({
  incidentId: z.uuid(),
  commanderId: z.uuid(),
  expectedVersion: z.number().int().min(1),
  reason: z.string().trim().max(500).optional(),
});

export const linkInput = z.object({ incidentId: z.uuid(), linkedIncidentId: z.uuid() });

export const listInput = z.object({
  state: z.enum(["open", "all"]).default("open"),
  limit: z.number().int().min(1).max(200).default(50),
});

export const incidentSummary = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  priority: incidentPriority,
  state: incidentState,
  cityId: z.string().nullable(),
  restaurantId: z.string().nullable(),
  courierId: z.string().nullable(),
  area: z.string().nullable(),
  commanderId: z.string().nullable(),
  declaredVia: z.string(),
  linkedIncidentId: z.string().nullable(),
  respondDueAt: z.date(),
  mitigateDueAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  mitigatedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  /** When the response sweep escalated a missed acknowledgement or mitigation target. */
  respondEscalatedAt: z.date().nullable(),
  mitigateEscalatedAt: z.date().nullable(),
  version: z.number().int(),
  memberCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type IncidentSummary = z.infer<typeof incidentSummary>;

const memberView = z.object({
  id: z.uuid(),
  kind: memberKind,
  memberId: z.string(),
  label: z.string().nullable(),
  /** Why it joined: the rule and version, key and window; null fields when added by hand. */
  ruleId: z.string().nullable(),
  ruleName: z.string().nullable(),
  ruleVersion: z.number().int().nullable(),
  correlationKey: z.string().nullable(),
  windowStart: z.date().nullable(),
  windowEnd: z.date().nullable(),
  joinedAt: z.date(),
  /** An alert member's recovery. */
  recoveredAt: z.date().nullable(),
  removedAt: z.date().nullable(),
  removedReason: z.string().nullable(),
});
export type MemberView = z.infer<typeof memberView>;

export const updateView = z.object({
  id: z.uuid(),
  visibility: z.enum(["internal", "public"]),
  body: z.string(),
  authorId: z.string().nullable(),
  createdAt: z.date(),
});

export const timelineEntry = z.object({
  at: z.date(),
  type: z.string(),
  aggregateType: z.string(),
  aggregateId: z.string(),
  summary: z.string(),
});

/** The postmortem's timeline export: oldest first; `truncated` when an incident outgrew the export's limits. */
export const timelineExport = z.object({
  incident: incidentSummary,
  entries: z.array(timelineEntry),
  truncated: z.boolean(),
});
export type TimelineExport = z.infer<typeof timelineExport>;

export const incidentDetail = z.object({
  incident: incidentSummary,
  members: z.array(memberView),
  updates: z.array(updateView),
  timeline: z.array(timelineEntry),
  nextStates: z.array(incidentState),
});
export type IncidentDetail = z.infer<typeof incidentDetail>;

export const ruleView = z.object({
  id: z.uuid(),
  name: z.string(),
  enabled: z.boolean(),
  version: z.number().int(),
  definition: ruleDefinitionSchema,
  updatedAt: z.date(),
});
export type RuleView = z.infer<typeof ruleView>;

export const saveRuleInput = z.object({
  name: z.string().trim().min(3).max(100),
  enabled: z.boolean().default(true),
  definition: ruleDefinitionSchema,
});

export const previewInput = z.object({
  definition: ruleDefinitionSchema,
  days: z.union([z.literal(7), z.literal(30)]),
});

export const previewResult = z.object({
  days: z.number().int(),
  eventsScanned: z.number().int(),
  incidents: z.number().int(),
  examples: z.array(
    z.object({
      key: z.string(),
      windowStart: z.date(),
      members: z.number().int(),
      memberIds: z.array(z.string()),
    }),
  ),
});
export type PreviewResult = z.infer<typeof previewResult>;
