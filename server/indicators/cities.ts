import type { Queryable } from "../db/transaction.ts";
import { AppError } from "../lib/errors.ts";
import { findCityByCode, type CityRecord } from "./repository.ts";

// The cities indicators are kept for, and the lock that every write to a city's indicators or alerts takes:
// what the city board and the alerts use of the city records. The SQL stays in repository.ts.

export { findCitiesByCodes, listCities, lockCities, type CityRecord } from "./repository.ts";

/** A city by its three-letter code (any case), or NOT_FOUND naming the code. */
export async function findCityOrThrow(db: Queryable, code: string): Promise<CityRecord> {
  const city = await findCityByCode(db, code.trim().toUpperCase());
  if (!city) throw new AppError("NOT_FOUND", `No city with code "${code}".`);
  return city;
}
