import type { Db } from "../db/client.ts";
import { teamScope, type TicketCaller } from "./access.ts";
import { filterOptionRows } from "./lookups-repository.ts";

/** Teams and agents the caller can filter by (their visible teams), and every city. */
export async function ticketFilterOptions(db: Db, caller: TicketCaller) {
  return filterOptionRows(db, teamScope(caller));
}
