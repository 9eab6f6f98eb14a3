import { isAppError } from "../../lib/errors.ts";
import { MappingError } from "../mapping/normalised.ts";

// Where processing failed, and whether another attempt can help. mapping: the event cannot be read in the
// console's shape (a bug or a missing mapping version: fixed by a replay, not a retry). routing: the rules or
// the facts they read. downstream: a domain service refused (an AppError 4xx, permanent) or failed (retried). A
// conflict or a rate limit (409, 429) says "try again", so it is retried like a failure.

export type FailureClass = "mapping" | "routing" | "downstream";

export class ProcessingFailure extends Error {
  constructor(
    readonly failureClass: FailureClass,
    readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = `${failureClass} failure`;
  }
}

/** Runs one phase of processing, so that whatever it throws carries the phase's class. */
export async function inPhase<T>(failureClass: FailureClass, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new ProcessingFailure(failureClass, error);
  }
}

const RETRYABLE_CODES = new Set(["CONFLICT", "TOO_MANY_REQUESTS"]);

export function classifyFailure(error: unknown): { failureClass: FailureClass; permanent: boolean } {
  if (!(error instanceof ProcessingFailure)) return { failureClass: "routing", permanent: false };
  const { cause, failureClass } = error;
  const refused = isAppError(cause) && cause.status < 500 && !RETRYABLE_CODES.has(cause.code);
  const permanent = cause instanceof MappingError || refused;
  return { failureClass, permanent };
}
