import type { Db } from "../db/client.ts";
import { parseInput } from "../lib/parse-input.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { peopleInput } from "./contract.ts";
import { searchPeople, type PersonOption } from "./directory-repository.ts";

// The people picker of the on-call screens (overrides, rotations, swaps, policy targets): whoever may read on-call
// may find a colleague by name or e-mail, as a schedule already shows their names.

const LIMIT = 20;

export function findPeople(db: Db, context: ServiceContext, raw: unknown): Promise<PersonOption[]> {
  requirePermission(context, "oncall:read");
  const input = parseInput(peopleInput, raw);
  return searchPeople(db, input.search, input.ids, Math.max(LIMIT, input.ids.length));
}
