import { TRPCClientError } from "@trpc/client";
import { z } from "zod";

// updateDraft refuses an invalid draft with `details.errors`: one { path, message } per field, e.g. rules[2].weight.

export interface DraftError {
  path: string;
  message: string;
}

const detailsSchema = z.object({ errors: z.array(z.object({ path: z.string(), message: z.string() })) });

export function draftErrorsOf(error: unknown): DraftError[] | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data: unknown = error.data;
  const details = typeof data === "object" && data !== null && "details" in data ? data.details : null;
  const parsed = detailsSchema.safeParse(details);
  return parsed.success ? parsed.data.errors : null;
}

/** The errors of rule `index`, keyed by the path inside the rule ("weight", "condition.value"). */
export function ruleErrors(errors: readonly DraftError[], index: number): Map<string, string> {
  const prefix = `rules[${index}].`;
  const result = new Map<string, string>();
  for (const error of errors) {
    if (error.path.startsWith(prefix))
      result.set(error.path.slice(prefix.length), `${error.path.slice(prefix.length)}: ${error.message}`);
  }
  return result;
}
