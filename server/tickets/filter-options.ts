import type { Db } from "../db/client.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { teamScope } from "./access.ts";
import { filterOptionRows } from "./lookups-repository.ts";

/** Teams and agents the caller can filter by (their visible teams), and every city. */
export async function ticketFilterOptions(db: Db, context: ServiceContext) {
  return filterOptionRows(db, teamScope(context));
}
