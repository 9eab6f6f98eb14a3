import { z } from "zod";
import { ROLES } from "../auth/permissions.ts";

// A workflow template as written in a file under server/workflows/templates/ (YAML). The zod schema is the one
// definition: the validator command, the publish use case and the published JSON schema
// (template.schema.json, for editors) all come from it.

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const MAX_STEPS = 30;

const key = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .regex(
      KEY_PATTERN,
      `${field} must be snake_case: lowercase letters, digits and _, starting with a letter`,
    );

/** A template's key as callers name it (a value PostgreSQL can store, so a stray \u0000 is a 400, not a 500). */
export const templateKey = key("templateKey");

const text = (field: string, max = 200) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} is too long (${max} max)`);

const role = z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` });

/** Who may take a task or answer an approval: named people, anyone with a role, anyone in a team. */
const candidatesSchema = z
  .strictObject({
    /** A person known when the instance starts: its initiator, or the owner of the bound object. */
    assignee: z.enum(["initiator", "bound_owner"]).optional(),
    users: z.array(z.email("users are e-mail addresses")).max(50).optional(),
    roles: z.array(role).max(10).optional(),
    teams: z.array(key("team")).max(20).optional(),
    /** Integrations (API clients, by client id) that own the step and decide on it over REST. */
    clients: z
      .array(z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, "clients are API client ids"))
      .max(10)
      .optional(),
  })
  .refine((c) => c.assignee || c.users?.length || c.roles?.length || c.teams?.length || c.clients?.length, {
    message: "name at least one candidate: assignee, users, roles, teams or clients",
  });
export type Candidates = z.output<typeof candidatesSchema>;

const durationMinutes = (field: string) =>
  z
    .number({ error: `${field} is a number of minutes` })
    .int(`${field} is whole minutes`)
    .min(1, `${field} is at least 1 minute`)
    .max(60 * 24 * 90, `${field} is at most 90 days`);

const slaSchema = z.strictObject({
  minutes: durationMinutes("sla.minutes"),
  /** A reminder to whoever must act, at this share of the SLA. */
  reminderPercent: z.number().int().min(1).max(99).default(75),
  /** At 100 %: the manager of whoever must act, or everyone with a role. */
  escalateTo: z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("manager") }),
    z.strictObject({ type: z.literal("role"), role }),
  ]),
});

const stepBase = {
  key: key("key"),
  title: text("title"),
  titleJa: text("titleJa"),
  sla: slaSchema.optional(),
};

const checklistItemSchema = z.strictObject({
  key: key("key"),
  title: text("title"),
  titleJa: text("titleJa"),
});

const taskStepSchema = z.strictObject({
  ...stepBase,
  kind: z.literal("task"),
  candidates: candidatesSchema,
  checklist: z.array(checklistItemSchema).max(20).default([]),
  /** Due this long after the step starts. */
  dueMinutes: durationMinutes("dueMinutes").optional(),
});

const approvalModeSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("any") }),
    z.strictObject({ type: z.literal("all") }),
    z.strictObject({ type: z.literal("n_of"), n: z.number().int().min(1).max(20) }),
    z.strictObject({ type: z.literal("percent"), percent: z.number().int().min(1).max(100) }),
    z.strictObject({
      type: z.literal("per_group"),
      groups: z
        .array(z.strictObject({ key: key("group key"), candidates: candidatesSchema }))
        .min(2, "per_group needs at least two groups")
        .max(10),
    }),
  ],
  { error: "mode.type is one of any, all, n_of, percent, per_group" },
);
export type ApprovalMode = z.output<typeof approvalModeSchema>;

const approvalStepSchema = z.strictObject({
  ...stepBase,
  kind: z.literal("approval"),
  /** The pool of approvers (for per_group, the union of the groups is used when this is left out). */
  approvers: candidatesSchema.optional(),
  mode: approvalModeSchema,
  dueMinutes: durationMinutes("dueMinutes").optional(),
});

/**
 * Equality on fields of the event's payload, all of which must match. A value "$bound" stands for the bound
 * object's id, "$context.<field>" for a field of the instance's context (set when it starts).
 */
const payloadMatch = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const eventType = (field: string) =>
  z.string().regex(/^[A-Z][A-Za-z]+$/, `${field} is an event type name such as AlertResolved`);

const waitStepSchema = z.strictObject({
  ...stepBase,
  kind: z.literal("wait_for_event"),
  event: z.strictObject({
    type: eventType("event.type"),
    match: payloadMatch.default({}),
    /** The condition must hold this long (e.g. the metric stays recovered for 15 minutes) before the step is done. */
    holdMinutes: durationMinutes("event.holdMinutes").optional(),
    /** An event that undoes the condition while it is being held (e.g. the alert fires again). */
    resetOn: z
      .strictObject({ type: eventType("event.resetOn.type"), match: payloadMatch.default({}) })
      .optional(),
  }),
});

const timerStepSchema = z.strictObject({
  ...stepBase,
  kind: z.literal("timer"),
  minutes: durationMinutes("minutes"),
});

const stepSchema = z.discriminatedUnion(
  "kind",
  [taskStepSchema, approvalStepSchema, waitStepSchema, timerStepSchema],
  {
    error: "kind is one of task, approval, wait_for_event, timer",
  },
);
export type TemplateStep = z.output<typeof stepSchema>;
export type ApprovalStep = z.output<typeof approvalStepSchema>;
export type StepKind = TemplateStep["kind"];

const policySchema = z.strictObject({
  /** Steps are decided in their order (a later step cannot be acted on before an earlier one). */
  enforceStepOrder: z.boolean().default(true),
  /** Roles a person must hold to act on a step, by step key. */
  requiredRoles: z.record(key("step key"), z.array(role).min(1)).default({}),
  /** No one approves their own request. */
  approverNotInitiator: z.boolean().default(true),
  /** No one approves a step after acting on an earlier step of the same instance (four eyes). */
  approverNotEarlierActor: z.boolean().default(true),
  /** Above this amount (the instance's `amount`), each named approval step needs at least two distinct approvers. */
  amountThreshold: z
    .strictObject({
      above: z.number().nonnegative(),
      steps: z.array(key("step key")).min(1),
    })
    .optional(),
});
export type CompliancePolicy = z.output<typeof policySchema>;

export const BINDING_KINDS = ["ticket", "risk_case", "alert", "incident"] as const;
export type BindingKind = (typeof BINDING_KINDS)[number];

const templateSchema = z
  .strictObject({
    key: key("key"),
    name: text("name"),
    nameJa: text("nameJa"),
    /** A label people read ("2026.1"); the database numbers the published versions itself. */
    version: text("version", 40),
    /** "response_plan" templates are offered by alert rules; every other template is a "workflow". */
    kind: z.enum(["workflow", "response_plan"]).default("workflow"),
    description: text("description", 2000).optional(),
    bindings: z.array(z.enum(BINDING_KINDS)).max(BINDING_KINDS.length).default([]),
    steps: z.array(stepSchema).min(1, "a template needs at least one step").max(MAX_STEPS),
    policy: policySchema.default({
      enforceStepOrder: true,
      requiredRoles: {},
      approverNotInitiator: true,
      approverNotEarlierActor: true,
    }),
    /** What its open instances do when the bound object is closed or resolved. */
    onBoundClose: z.enum(["complete", "cancel"]).default("cancel"),
  })
  .superRefine((template, ctx) => {
    const keys = new Set<string>();
    template.steps.forEach((step, index) => {
      if (keys.has(step.key))
        ctx.addIssue({
          code: "custom",
          path: ["steps", index, "key"],
          message: `duplicate step key "${step.key}"`,
        });
      keys.add(step.key);
      if (step.kind === "approval" && step.mode.type !== "per_group" && !step.approvers)
        ctx.addIssue({
          code: "custom",
          path: ["steps", index, "approvers"],
          message: `approvers is required for mode ${step.mode.type}`,
        });
    });
    const approvalKeys = new Set(template.steps.filter((s) => s.kind === "approval").map((s) => s.key));
    for (const stepKey of Object.keys(template.policy.requiredRoles))
      if (!keys.has(stepKey))
        ctx.addIssue({
          code: "custom",
          path: ["policy", "requiredRoles", stepKey],
          message: `no step "${stepKey}" in this template`,
        });
    template.policy.amountThreshold?.steps.forEach((stepKey, index) => {
      if (!approvalKeys.has(stepKey))
        ctx.addIssue({
          code: "custom",
          path: ["policy", "amountThreshold", "steps", index],
          message: `"${stepKey}" is not an approval step of this template`,
        });
    });
  });

export type WorkflowTemplate = z.output<typeof templateSchema>;

export interface TemplateIssue {
  path: string;
  message: string;
}

/** Parses a template (from YAML or stored JSON); errors name the path of each problem. */
export function parseTemplate(
  input: unknown,
): { ok: true; template: WorkflowTemplate } | { ok: false; issues: TemplateIssue[] } {
  const result = templateSchema.safeParse(input);
  if (result.success) return { ok: true, template: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join(".") || "(root)",
      message: issue.message,
    })),
  };
}

/** The JSON schema published beside the template files, for editors and reviewers. */
export function templateJsonSchema(): unknown {
  return z.toJSONSchema(templateSchema, { io: "input", unrepresentable: "any" });
}

/**
 * The template's task steps as the { key, title, titleJa } list WorkflowTemplate.steps has always held: what the
 * alerts' response-plan checklist reads until response plans run on this engine.
 */
export function taskChecklist(template: WorkflowTemplate): { key: string; title: string; titleJa: string }[] {
  return template.steps
    .filter((step) => step.kind === "task")
    .map(({ key, title, titleJa }) => ({ key, title, titleJa }));
}
