import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../lib/errors.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import { decisionSchema } from "../../workflows/contract.ts";
import { workflowDetail } from "../../workflows/queries.ts";
import { INSTANCE_STATES } from "../../workflows/runtime-types.ts";
import { decideWorkflow } from "../../workflows/service.ts";
import { BINDING_KINDS, templateKey } from "../../workflows/template.ts";

// The workflow contract as integrations see it: flat query strings, the instance id in the path (anything but a
// UUID names nothing: 404), and the decision body without the id the path already gives.

const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) =>
      text
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(z.enum(values)).min(1, "must name at least one value"));

export const restWorkflowListQuery = z
  .object({
    templateKey: templateKey.optional(),
    status: csvOf(INSTANCE_STATES).optional(),
    boundType: z.enum([...BINDING_KINDS, "none"]).optional(),
    boundId: z.string().min(1).max(100).optional(),
    cursor: z.uuid({ error: "must be the nextCursor of the previous page" }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.boundId || q.boundType, {
    message: "boundType is required with boundId",
    path: ["boundType"],
  });

/** The list filter of the read use case, from the query string. */
export const toListFilter = ({ status, ...query }: z.output<typeof restWorkflowListQuery>) => ({
  ...query,
  ...(status ? { states: status } : {}),
});

export const restDecisionBody = z.strictObject({
  /** The lockVersion the integration last saw: another decision since then answers 409 with the current state. */
  expectedVersion: z.number().int().min(0).optional(),
  decision: decisionSchema,
});

const uuid = z.uuid();

function pathId(value: string): string {
  if (uuid.safeParse(value).success) return value;
  throw new AppError("NOT_FOUND", `No workflow has the id "${value.slice(0, 64)}".`, {
    details: { field: "id" },
  });
}

/** POST …/workflows/{id}/decisions */
export function decideOverRest(
  db: Db,
  context: ServiceContext,
  id: string,
  body: z.output<typeof restDecisionBody>,
) {
  return decideWorkflow(db, context, { instanceId: pathId(id), ...body });
}

/** GET …/workflows/{id} */
export function workflowOverRest(db: Db, context: ServiceContext, id: string) {
  return workflowDetail(db, context, { id: pathId(id) });
}
