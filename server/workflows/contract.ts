import { z } from "zod";
import { BINDING_KINDS, templateKey } from "./template.ts";

// Inputs of the workflow use cases (tRPC, REST and consumers parse with these) and the view they answer with.

const id = z.uuid({ error: "must be a UUID" });
const reason = z.string().trim().max(2000, "reason is too long (2000 max)");
const stepKey = z.string().min(1, "stepKey is required").max(64);

/** Decisions people and integrations take. Events and timers reach instances through the system only. */
export const decisionSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("submit") }),
    z.strictObject({
      type: z.literal("complete"),
      stepKey,
      checked: z.array(z.string().max(64)).max(20).optional(),
      note: z.string().max(2000).optional(),
    }),
    z.strictObject({ type: z.literal("approve"), stepKey, comment: z.string().max(2000).optional() }),
    z.strictObject({ type: z.literal("reject"), stepKey, reason }),
    z.strictObject({ type: z.literal("request_changes"), stepKey, reason }),
    z.strictObject({ type: z.literal("resubmit"), comment: z.string().max(2000).optional() }),
    z.strictObject({ type: z.literal("delegate"), stepKey, to: id }),
    z.strictObject({ type: z.literal("reassign"), stepKey, from: id, to: id }),
    z.strictObject({ type: z.literal("recall"), reason: reason.optional() }),
    z.strictObject({ type: z.literal("skip_level"), stepKey, comment: z.string().max(2000).optional() }),
    z.strictObject({ type: z.literal("cancel"), reason }),
  ],
  {
    error:
      "decision.type is one of submit, complete, approve, reject, request_changes, resubmit, delegate, reassign, recall, skip_level, cancel",
  },
);

export const decideInput = z.strictObject({
  instanceId: id,
  /** The lockVersion the caller saw: a different current one answers 409 with the current state. */
  expectedVersion: z.number().int().min(0).optional(),
  decision: decisionSchema,
});
export type DecideInput = z.input<typeof decideInput>;

export const startInput = z.strictObject({
  templateKey,
  /** A published version number; the newest when left out. */
  version: z.number().int().min(1).optional(),
  bound: z.strictObject({
    type: z.enum([...BINDING_KINDS, "none"]),
    id: z.string().min(1).max(100).optional(),
  }),
  /** The bound object's owner (e.g. the ticket's assignee), for steps assigned to "bound_owner". */
  boundOwnerId: id.optional(),
  /** Who the request is for; a signed-in user is the initiator themselves, the system and integrations name one. */
  initiatorId: id.optional(),
  amount: z.number().nonnegative().max(1e12).optional(),
  context: z.record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean()])).optional(),
  /** false keeps it a Draft its initiator submits later. */
  submit: z.boolean().default(true),
});
export type StartInput = z.input<typeof startInput>;

export const myTasksInput = z.strictObject({ limit: z.number().int().min(1).max(500).default(100) });

export const migrateInput = z.strictObject({
  templateKey,
  fromVersion: z.number().int().min(1),
  toVersion: z.number().int().min(1),
  /** Old step key → new step key (null: the step is dropped). Keys left out keep their key when the new version has it. */
  stepMapping: z.record(z.string().max(64), z.string().max(64).nullable()).default({}),
  dryRun: z.boolean().default(true),
});
export type MigrateInput = z.input<typeof migrateInput>;

/** What the admin screen sends: the migration without the dry-run flag (the procedure it calls decides that). */
export const migrationRequest = migrateInput.omit({ dryRun: true });

export const migrationReport = z.object({
  dryRun: z.boolean(),
  templateKey: z.string(),
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  instances: z.array(
    z.object({
      instanceId: z.string(),
      ok: z.boolean(),
      problems: z.array(z.string()),
      steps: z.array(z.object({ key: z.string(), fromKey: z.string().nullable(), state: z.string() })),
      dropped: z.array(z.string()),
    }),
  ),
  migrated: z.number().int(),
});
