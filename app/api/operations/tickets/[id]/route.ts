import { readJson } from "@/server/api/rest/read";
import { restRoute } from "@/server/api/rest/route";
import { restPatchBody, updateTicketOverRest } from "@/server/api/rest/tickets";

export const dynamic = "force-dynamic";

/** PATCH /api/operations/tickets/{id} — status, priority, assignee and/or a comment, at the version the caller saw. */
export const PATCH = restRoute<{ id: string }>(
  { scope: "tickets:write", name: "tickets.update" },
  async ({ req, db, service, params }) =>
    Response.json(await updateTicketOverRest(db, service, params.id, await readJson(req, restPatchBody))),
);
