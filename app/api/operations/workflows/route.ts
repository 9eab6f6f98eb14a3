import { readJson, readQuery } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";
import { restWorkflowListQuery, toListFilter } from "@/server/api/rest/workflows";
import { startInput } from "@/server/workflows/contract";
import { listWorkflows } from "@/server/workflows/queries";
import { startWorkflow } from "@/server/workflows/service";

export const dynamic = "force-dynamic";

/** GET /api/operations/workflows — instances by template, status and bound object, newest first (`cursor`). */
export const GET = restRoute(
  { scope: "workflows:read", name: "workflows.list" },
  async ({ req, db, service }) =>
    Response.json(await listWorkflows(db, service, toListFilter(readQuery(req, restWorkflowListQuery)))),
);

/** POST /api/operations/workflows — starts a template's newest (or a named) version for a named initiator. */
export const POST = restRoute(
  { scope: "workflows:write", name: "workflows.start" },
  async ({ req, db, service }) =>
    Response.json(await startWorkflow(db, service, await readJson(req, startInput)), { status: 201 }),
);
