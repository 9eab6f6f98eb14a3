import { Prisma } from "./generated/client.ts";
import type { Db } from "./client.ts";

// The one way a service opens a transaction: named presets for timeouts and isolation, and a retry of the
// failures that a fresh attempt can cure (a concurrent insert of the same key, a serialization failure, a
// deadlock), with exponential backoff and jitter.

/** The client a repository function gets inside a transaction. */
export type Tx = Prisma.TransactionClient;
/** A repository function that reads outside or inside a transaction takes either. */
export type Queryable = Db | Tx;

const TX_PRESETS = {
  /** One aggregate changed by a person or an integration: short. */
  interactive: { maxWait: 15_000, timeout: 30_000 },
  /** A batch (ingest, sweep, evaluation pass): long, still bounded. */
  batch: { maxWait: 30_000, timeout: 120_000 },
  /** Reads and writes that must see one snapshot and fail rather than interleave. */
  serializable: {
    maxWait: 15_000,
    timeout: 30_000,
    isolationLevel: Prisma.TransactionIsolationLevel.Serializable,
  },
} as const;

type TxPreset = keyof typeof TX_PRESETS;

export interface TransactionOptions {
  preset?: TxPreset;
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Called when attempts run out on a retryable failure; its error is thrown instead. */
  onExhausted?: (error: unknown) => Error;
}

const PG_RETRYABLE = new Set(["40001", "40P01"]);

/** Prisma's own (P2002), or PostgreSQL's (23505) from a raw statement (P2010). */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const cause = (error.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined)
    ?.driverAdapterError?.cause;
  return error.code === "P2002" || (error.code === "P2010" && cause?.originalCode === "23505");
}

function pgCode(error: unknown): string | undefined {
  for (let cause: unknown = error; cause instanceof Error || (cause && typeof cause === "object");) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    const meta = (
      cause as { meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } } }
    ).meta;
    const original = meta?.driverAdapterError?.cause?.originalCode ?? meta?.code;
    if (typeof original === "string" && /^[0-9A-Z]{5}$/.test(original)) return original;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A failure a new attempt of the whole transaction can cure. */
function isRetryableTxError(error: unknown): boolean {
  if (isUniqueViolation(error)) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") return true;
  const code = pgCode(error);
  if (code && PG_RETRYABLE.has(code)) return true;
  return error instanceof Error && /deadlock detected|could not serialize access/.test(error.message);
}

/** Full jitter: a random wait up to base · 2^(attempt−1), capped. */
function backoffMs(attempt: number, random: () => number = Math.random, baseMs = 20, capMs = 1_000): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** (attempt - 1)));
}

export async function withTransaction<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  { preset = "interactive", attempts = 4, onExhausted }: TransactionOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, TX_PRESETS[preset]);
    } catch (error) {
      if (!isRetryableTxError(error)) throw error;
      if (attempt >= attempts) throw onExhausted ? onExhausted(error) : error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
    }
  }
}
