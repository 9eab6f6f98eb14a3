import { z } from "zod";
import { AppError } from "../lib/errors.ts";

const uuid = z.uuid();

/** An id taken from a REST path: anything that is not a UUID names nothing, so it is a 404 like an unknown id. */
export function pathUuid(value: string, field: string): string {
  if (uuid.safeParse(value).success) return value;
  throw new AppError(
    "NOT_FOUND",
    `No ${field === "id" ? "risk case" : "action"} has the id "${value.slice(0, 64)}".`,
    {
      details: { field },
    },
  );
}
