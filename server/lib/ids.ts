import { z } from "zod";

const uuid = z.uuid();

/**
 * The one UUID check outside a zod schema (URL filters, page params). It is the contracts' own `z.uuid()`, so a
 * value accepted here is never refused by the API it is handed to.
 */
export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}
