import type { Queryable } from "../db/transaction.ts";
import { AppError } from "../lib/errors.ts";
import { loadCityCodes } from "./repository.ts";

// Integrations name a ticket's city by its three-letter code, the console and alert follow-ups by its id. Cities
// change rarely: keep their codes for a minute per process, and reload at once on a miss (a city added since).
const TTL_MS = 60_000;

let cache: { loadedAt: number; byCode: Map<string, string>; ids: Set<string> } | null = null;

async function cities(db: Queryable, forceReload: boolean) {
  if (cache === null || forceReload || Date.now() - cache.loadedAt > TTL_MS) {
    const rows = await loadCityCodes(db);
    cache = {
      loadedAt: Date.now(),
      byCode: new Map(rows.map((city) => [city.code, city.id])),
      ids: new Set(rows.map((city) => city.id)),
    };
  }
  return cache;
}

async function idOfCode(db: Queryable, code: string): Promise<string | undefined> {
  return (await cities(db, false)).byCode.get(code) ?? (await cities(db, true)).byCode.get(code);
}

async function isKnownId(db: Queryable, id: string): Promise<boolean> {
  return (await cities(db, false)).ids.has(id) || (await cities(db, true)).ids.has(id);
}

/**
 * The id of the city a ticket or a queue filter names, by `city` (code) or `cityId`, or undefined when it names
 * none. A code is a closed vocabulary like a priority, so an unknown one is bad input (400).
 */
export async function namedCityId(
  db: Queryable,
  named: { city?: string; cityId?: string },
): Promise<string | undefined> {
  const { city, cityId } = named;
  if (city !== undefined && cityId !== undefined) {
    throw new AppError("BAD_REQUEST", "city: name the city by its code or by cityId, not both.", {
      details: { field: "city" },
    });
  }
  if (city !== undefined) {
    const id = await idOfCode(db, city);
    if (id === undefined) {
      throw new AppError("BAD_REQUEST", `city: no city has the code "${city}".`, {
        details: { field: "city" },
      });
    }
    return id;
  }
  if (cityId !== undefined && !(await isKnownId(db, cityId))) {
    throw new AppError("UNPROCESSABLE", `cityId: no city ${cityId}.`, { details: { field: "cityId" } });
  }
  return cityId;
}
