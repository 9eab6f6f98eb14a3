import type { z } from "zod";
import { AppError } from "../lib/errors.ts";

/** Parses a use case's input; a failure is a 400 naming the first bad field ("priority: Invalid option"). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || "input";
  throw new AppError("BAD_REQUEST", `${field}: ${issue?.message}`, {
    details: { issues: result.error.issues },
  });
}
