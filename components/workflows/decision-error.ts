import { TRPCClientError } from "@trpc/client";
import { z } from "zod";

// A refused decision as the console tells it: the compliance policy's refusal (422) with its machine-readable
// reason, "someone decided first" (409) with the instance as it is now, or any other failure's text.

const data = z.object({
  httpStatus: z.number().optional(),
  details: z
    .object({
      reason: z.string().optional(),
      current: z.object({ state: z.string(), lockVersion: z.number() }).passthrough().nullish(),
    })
    .passthrough()
    .nullish(),
});

export type DecisionProblem =
  | { kind: "refused"; reason: string; message: string }
  | { kind: "conflict"; currentState: string | null; message: string }
  | { kind: "other"; message: string };

export function decisionProblem(error: unknown, fallback: string): DecisionProblem {
  if (!(error instanceof TRPCClientError)) return { kind: "other", message: fallback };
  const parsed = data.safeParse(error.data);
  const status = parsed.success ? (parsed.data.httpStatus ?? 500) : 500;
  const details = parsed.success ? parsed.data.details : null;
  if (status === 409)
    return { kind: "conflict", currentState: details?.current?.state ?? null, message: error.message };
  if (status === 422 && details?.reason)
    return { kind: "refused", reason: details.reason, message: error.message };
  if (status >= 500) return { kind: "other", message: fallback };
  return { kind: "other", message: error.message };
}
