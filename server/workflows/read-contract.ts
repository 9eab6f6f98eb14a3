import { z } from "zod";
import { INSTANCE_STATES } from "./runtime-types.ts";
import { BINDING_KINDS, templateKey } from "./template.ts";

// What the read use cases (queries.ts) take and answer, for tRPC's .output() and the REST contract alike. Times are
// ISO 8601 strings everywhere (the engine keeps its step times that way), so one schema serves both transports.

const iso = z.string();
const isoOrNull = iso.nullable();
const id = z.uuid({ error: "must be a UUID" });

const STEP_STATES = ["blocked", "active", "holding", "done", "rejected", "returned", "cancelled"] as const;
const STEP_KINDS = ["task", "approval", "wait_for_event", "timer"] as const;

const stepView = z.object({
  key: z.string(),
  kind: z.enum(STEP_KINDS),
  position: z.number().int(),
  state: z.enum(STEP_STATES),
  title: z.string(),
  titleJa: z.string(),
  ownerIds: z.array(z.string()),
  groups: z.array(z.object({ key: z.string(), userIds: z.array(z.string()) })),
  delegations: z.array(z.object({ from: z.string(), to: z.string() })),
  approvals: z.array(
    z.object({
      by: z.string(),
      for: z.string().nullable(),
      via: z.enum(["self", "delegate", "skip_level"]),
      at: iso,
    }),
  ),
  checked: z.array(z.string()),
  activatedAt: isoOrNull,
  dueAt: isoOrNull,
  doneAt: isoOrNull,
  doneById: z.string().nullable(),
  heldSince: isoOrNull,
});

export const workflowView = z.object({
  id: z.string(),
  templateKey: z.string(),
  templateName: z.string(),
  templateNameJa: z.string(),
  versionNumber: z.number().int(),
  state: z.enum(INSTANCE_STATES),
  round: z.number().int(),
  initiatorId: z.string(),
  boundType: z.string(),
  boundId: z.string(),
  amount: z.number().nullable(),
  lockVersion: z.number().int(),
  endedReason: z.string().nullable(),
  steps: z.array(stepView),
});

const waitingFor = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("people"),
    userIds: z.array(z.string()),
    approved: z.number().nullable(),
    needed: z.number().nullable(),
  }),
  z.object({
    type: z.literal("event"),
    eventType: z.string(),
    holdMinutes: z.number().nullable(),
    heldSince: isoOrNull,
  }),
  z.object({ type: z.literal("timer"), until: isoOrNull }),
  z.object({ type: z.literal("initiator"), userId: z.string(), action: z.enum(["submit", "resubmit"]) }),
]);

const stepGuide = z.object({
  key: z.string(),
  checklist: z.array(z.object({ key: z.string(), title: z.string(), titleJa: z.string() })),
  /** Approval steps: the mode (any, all, n_of, percent, per_group). */
  mode: z.string().nullable(),
});

/** An instance as people read it: the view, what its open steps wait for, and the names of everyone involved. */
const workflowCard = z.object({
  workflow: workflowView,
  waiting: z.array(z.object({ stepKey: z.string(), waitingFor })),
  guides: z.array(stepGuide),
  people: z.record(z.string(), z.string()),
  /** Whether the caller is among those an open step (or the returned request) waits for. */
  mine: z.boolean(),
});
export type WorkflowCard = z.output<typeof workflowCard>;

const decisionEntry = z.object({
  round: z.number().int(),
  action: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  onBehalfOfId: z.string().nullable(),
  reason: z.string().nullable(),
  stepKey: z.string().nullable(),
  decidedAt: iso,
});

export const workflowDetail = workflowCard.extend({
  version: z.object({ number: z.number().int(), label: z.string(), publishedAt: iso }),
  history: z.array(decisionEntry),
});
export type WorkflowDetail = z.output<typeof workflowDetail>;

export const boundInput = z.strictObject({
  type: z.enum(BINDING_KINDS, { error: `type is one of ${BINDING_KINDS.join(", ")}` }),
  id: z.string().min(1, "id is required").max(100),
});

const startableTemplate = z.object({
  key: z.string(),
  name: z.string(),
  nameJa: z.string(),
  versionNumber: z.number().int(),
});

export const boundWorkflows = z.object({
  workflows: z.array(workflowCard),
  startable: z.array(startableTemplate),
});

const INBOX_RELATIONS = ["assigned", "candidate", "delegated"] as const;

const inboxItem = z.object({
  instanceId: z.string(),
  stepKey: z.string(),
  stepKind: z.enum(STEP_KINDS),
  title: z.string(),
  titleJa: z.string(),
  templateKey: z.string(),
  templateName: z.string(),
  templateNameJa: z.string(),
  boundType: z.string(),
  boundId: z.string(),
  state: z.enum(INSTANCE_STATES),
  lockVersion: z.number().int(),
  dueAt: isoOrNull,
  activatedAt: isoOrNull,
  /** assigned: mine alone; candidate: one of the step's pool (my role or team); delegated: an owner asked me. */
  relation: z.enum(INBOX_RELATIONS),
  delegatedBy: z.array(z.string()),
  initiatorId: z.string(),
  /** The initiator cannot decide their own request's approvals: the console says so before anyone tries. */
  iAmInitiator: z.boolean(),
  amount: z.number().nullable(),
  checklist: z.array(z.object({ key: z.string(), title: z.string(), titleJa: z.string() })),
  checked: z.array(z.string()),
});
export type InboxItem = z.output<typeof inboxItem>;

export const inbox = z.object({ items: z.array(inboxItem), people: z.record(z.string(), z.string()) });

export const inboxInput = z.strictObject({ limit: z.number().int().min(1).max(500).default(200) });
export const workflowIdInput = z.strictObject({ id });

export const listFilter = z.strictObject({
  templateKey: templateKey.optional(),
  states: z.array(z.enum(INSTANCE_STATES)).min(1).optional(),
  boundType: z.enum([...BINDING_KINDS, "none"]).optional(),
  boundId: z.string().min(1).max(100).optional(),
  /** The last id of the previous page (ids are time-ordered UUIDs, newest first). */
  cursor: id.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListFilter = z.input<typeof listFilter>;

const listRow = z.object({
  id: z.string(),
  templateKey: z.string(),
  versionNumber: z.number().int().nullable(),
  state: z.enum(INSTANCE_STATES).nullable(),
  round: z.number().int(),
  boundType: z.string(),
  boundId: z.string(),
  initiatorId: z.string().nullable(),
  startedAt: iso,
  completedAt: isoOrNull,
  lockVersion: z.number().int(),
});
export const listPage = z.object({ items: z.array(listRow), nextCursor: z.string().nullable() });

const versionInstance = z.object({
  id: z.string(),
  state: z.enum(INSTANCE_STATES).nullable(),
  boundType: z.string(),
  boundId: z.string(),
  startedAt: iso,
});

const templateOverview = z.object({
  key: z.string(),
  name: z.string(),
  nameJa: z.string(),
  kind: z.string(),
  versions: z.array(
    z.object({
      number: z.number().int(),
      label: z.string(),
      contentHash: z.string(),
      publishedAt: iso,
      steps: z.array(z.object({ key: z.string(), kind: z.string(), title: z.string(), titleJa: z.string() })),
      /** Against the previous version (empty for the first). */
      diff: z.array(
        z.object({
          key: z.string(),
          change: z.enum(["added", "removed", "changed", "moved", "same"]),
          fields: z.array(z.string()),
        }),
      ),
      openInstances: z.number().int(),
      instances: z.array(versionInstance),
    }),
  ),
});
export const templatesOverview = z.array(templateOverview);
export type TemplateOverview = z.output<typeof templateOverview>;
