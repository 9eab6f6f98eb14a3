import type { Db } from "../db/client.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { signedInUser } from "./access.ts";
import { SAVED_VIEW_SCOPE, queueFilter, type QueueFilter } from "./contract.ts";
import { deleteSavedViewOf, savedViewsOf, upsertSavedView } from "./lookups-repository.ts";

interface SavedViewRow {
  id: string;
  name: string;
  query: unknown;
  createdAt: Date;
}

// A view saved by an older version of the filter keeps what still parses rather than failing the whole list.
function toSavedView(row: SavedViewRow) {
  const parsed = queueFilter.safeParse(row.query);
  const query: QueueFilter = parsed.success ? parsed.data : { assignee: "any" };
  return { id: row.id, name: row.name, query, createdAt: row.createdAt };
}

const owner = (context: ServiceContext) => signedInUser(context, "Saved views").id;

export async function listSavedViews(db: Db, context: ServiceContext) {
  return (await savedViewsOf(db, owner(context), SAVED_VIEW_SCOPE)).map(toSavedView);
}

export async function saveView(db: Db, context: ServiceContext, input: { name: string; query: QueueFilter }) {
  const query = JSON.parse(JSON.stringify(input.query)) as Record<string, string | string[]>;
  return toSavedView(await upsertSavedView(db, owner(context), SAVED_VIEW_SCOPE, input.name, query));
}

export async function deleteSavedView(db: Db, context: ServiceContext, { id }: { id: string }) {
  return { deleted: await deleteSavedViewOf(db, owner(context), id) };
}
