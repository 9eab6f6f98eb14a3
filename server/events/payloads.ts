import { z } from "zod";

// Payloads that consumers in other domains read. The producer builds them; a consumer parses them with these
// schemas and depends on nothing else of the producer. A payload that fails its schema is a consumer failure
// (retried, then a dead letter), never a silent skip.

const localized = z.object({ en: z.string(), ja: z.string() });

export const alertTriggeredPayload = z.object({
  alertId: z.uuid(),
  ruleId: z.uuid(),
  ruleName: z.string(),
  metric: z.string(),
  cityId: z.uuid(),
  city: z.string(),
  severity: z.enum(["critical", "warning", "info"]),
  value: z.number().nullable(),
  /** The value as people read it ("42 min", "+35 %"); empty when there is none. */
  valueText: z.string(),
  metricLabel: localized,
  cityName: localized,
  firedAt: z.iso.datetime({ offset: true }),
  followUps: z.object({ ticket: z.boolean(), riskSignal: z.boolean() }),
});

export type AlertTriggeredPayload = z.infer<typeof alertTriggeredPayload>;

// On-call → notifications: a step of an escalation is due; the notification side turns each recipient into outbox
// rows (one per channel), idempotent on `idempotencyKey` + recipient + channel.
export const escalationStepDuePayload = z.object({
  escalationId: z.uuid(),
  objectType: z.enum(["ticket", "risk_case", "alert", "incident", "workflow", "event_source"]),
  objectId: z.string().min(1),
  /** What people read first ("P1 ticket #1042 breaches first response in 10 min"). */
  title: z.string(),
  severity: z.enum(["critical", "high", "warning", "info"]),
  /** A console path the page links back to ("/tickets/…"). */
  path: z.string().startsWith("/"),
  level: z.number().int().min(0),
  attempt: z.number().int().min(0),
  idempotencyKey: z.string().min(1),
  recipients: z.array(
    z.object({
      userId: z.uuid(),
      /** In the order to try; empty means the recipient's own preferences decide. */
      channels: z.array(z.enum(["slack", "pagerduty", "email", "webhook", "in_app"])),
      /** Quiet hours apply unless the step is critical. */
      bypassQuietHours: z.boolean(),
    }),
  ),
});

export type EscalationStepDuePayload = z.infer<typeof escalationStepDuePayload>;

// Notifications → on-call (and timelines): someone acknowledged a page, in the console or at the provider.
export const notificationAcknowledgedPayload = z.object({
  objectType: escalationStepDuePayload.shape.objectType,
  objectId: z.string().min(1),
  escalationId: z.uuid().nullable(),
  /** The console user when known; null for a provider-side acknowledgement of an unknown responder. */
  userId: z.uuid().nullable(),
  via: z.enum(["console", "pagerduty", "slack", "email"]),
  at: z.iso.datetime({ offset: true }),
});

export type NotificationAcknowledgedPayload = z.infer<typeof notificationAcknowledgedPayload>;

// Retention → reports and auditors: one chunk of closed work past the policy, archived then deleted. The chunk
// id names the archive's manifest entry; events about the removed items stay in the log.
export const retentionAppliedPayload = z.object({
  family: z.enum(["tickets", "risk_cases", "risk_signals", "indicator_points", "inbound_events"]),
  archiveDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  cutoff: z.iso.datetime({ offset: true }),
  roots: z.number().int().positive(),
  /** Rows removed per table, children included. */
  rows: z.record(z.string(), z.number().int().positive()),
});

// Users → tickets: an agent's routing inputs changed (capacity, skills, shift); waiting tickets may fit now.
export const userUpdatedPayload = z.object({
  teamId: z.uuid().nullable(),
  agentProfile: z.object({ capacity: z.number().int() }).nullable(),
});

// Workflows → triggers, bindings, timelines and notifications: every workflow event carries the instance, its
// pinned template version and bound object, and its state after the change; step events name the step and people.
export const workflowEventPayload = z.object({
  instanceId: z.uuid(),
  templateKey: z.string(),
  templateVersion: z.number().int().min(1),
  boundType: z.string(),
  boundId: z.string(),
  state: z.enum([
    "draft",
    "pending",
    "in_progress",
    "approved",
    "rejected",
    "changes_requested",
    "cancelled",
    "completed",
  ]),
  round: z.number().int().min(1),
  stepKey: z.string().optional(),
  stepKind: z.enum(["task", "approval", "wait_for_event", "timer"]).optional(),
  /** The people a step was assigned (or delegated, reassigned) to. */
  userIds: z.array(z.uuid()).optional(),
  reason: z.string().optional(),
  /** A relapse: the new object of the same situation that the open instance took in. */
  joined: z.object({ type: z.string(), id: z.string() }).optional(),
});

export type WorkflowEventPayload = z.infer<typeof workflowEventPayload>;

// Tickets and risk → incident correlation: the fields of a member event that a correlation rule keys and counts
// on. Optional fields are read when the producer sends them (a ticket names its restaurant when told one).
export const ticketCreatedPayload = z.object({
  number: z.number().int(),
  category: z.string(),
  cityId: z.uuid().nullable(),
  restaurantId: z.string().nullish(),
  courierId: z.string().nullish(),
  area: z.string().nullish(),
  /** A keyed hash of the requester's address: distinct reporters are counted by it. */
  requesterKey: z.string().nullish(),
});

export const riskCaseEventPayload = z.object({
  type: z.string().nullish(),
  subjectType: z.string().nullish(),
  subjectId: z.string().nullish(),
  cityId: z.uuid().nullish(),
});

// On-call → notifications: an escalation ended (acknowledged, or its object resolved); the provider's alert follows.
export const escalationEndedPayload = z.object({
  objectType: escalationStepDuePayload.shape.objectType,
  objectId: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  /** Acknowledgements only: who and where (a provider-side acknowledgement needs no echo back). */
  userId: z.uuid().nullable().optional(),
  via: z.string().optional(),
});

// Incidents → tickets: one batch of an incident's linked tickets to answer with a public update, or to resolve
// with the incident. The tickets domain applies each batch in one transaction (server/tickets/incident-consumer.ts).
export const incidentTicketBatchPayload = z.object({
  incidentId: z.uuid(),
  number: z.number().int(),
  action: z.enum(["public_reply", "resolve"]),
  /** The public update's text (public_reply), or the resolution note the tickets get (resolve). */
  body: z.string().min(1),
  ticketIds: z.array(z.uuid()).min(1).max(500),
  batch: z.number().int().min(1),
  batches: z.number().int().min(1),
});

// Reports → notifications: a day's report snapshot was stored; its subscribers who may read it get it by e-mail.
export const opsReportGeneratedPayload = z.object({
  report: z.string(),
  day: z.iso.date(),
  title: z.object({ en: z.string(), ja: z.string() }),
  groupBy: z.string(),
  rows: z.number().int(),
  /** The console page of the day's figures. */
  path: z.string().startsWith("/"),
  recipients: z.array(z.object({ userId: z.uuid(), locale: z.enum(["en", "ja"]) })),
});
export type OpsReportGeneratedPayload = z.infer<typeof opsReportGeneratedPayload>;

// Incidents → tickets: a postmortem action item, opened as a ticket once (its id makes the ticket's externalId).
export const incidentActionItemPayload = z.object({
  incidentId: z.uuid(),
  number: z.number().int(),
  cityId: z.uuid().nullable(),
  itemId: z.uuid(),
  /** The ticket's subject. */
  itemTitle: z.string().min(1).max(200),
  description: z.string().min(1),
  /** A ticket category, chosen by the commander from the tickets' own list. */
  category: z.string().min(1),
  priority: z.enum(["P1", "P2", "P3", "P4"]),
});
