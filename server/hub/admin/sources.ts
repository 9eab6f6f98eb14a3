import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client.ts";
import { withTransaction } from "../../db/transaction.ts";
import { recordEvent } from "../../events/record.ts";
import { AppError } from "../../lib/errors.ts";
import { requirePermission, type ServiceContext } from "../../lib/service-context.ts";
import { rotateSecret, setSourceStatus, sourceExists } from "../sources-repository.ts";
import type { PauseResult, RotatedSecret, RotateSecretInput, SourceInput } from "./contract.ts";
import { holdWaiting, releaseHeld } from "./replay-repository.ts";

// Pausing a source holds its events (the edge keeps accepting them, as "held"); resuming releases them in
// receive order. Rotating a secret starts an overlap in which both the new and the old secrets verify.

async function requireSource(db: Db, key: string): Promise<void> {
  if (!(await sourceExists(db, key))) throw new AppError("NOT_FOUND", `No event source ${key}.`);
}

export async function pauseSource(db: Db, context: ServiceContext, input: SourceInput): Promise<PauseResult> {
  requirePermission(context, "events:manage");
  await requireSource(db, input.source);
  return withTransaction(db, async (tx) => {
    const changed = await setSourceStatus(tx, input.source, "paused");
    const rows = changed ? await holdWaiting(tx, input.source) : 0;
    if (changed) {
      await recordEvent(tx, context, {
        type: "EventSourcePaused",
        aggregateType: "event_source",
        aggregateId: input.source,
        payload: { source: input.source, held: rows },
      });
    }
    return { source: input.source, status: "paused", changed, rows };
  });
}

export async function resumeSource(
  db: Db,
  context: ServiceContext,
  input: SourceInput,
): Promise<PauseResult> {
  requirePermission(context, "events:manage");
  await requireSource(db, input.source);
  return withTransaction(db, async (tx) => {
    const changed = await setSourceStatus(tx, input.source, "active");
    const rows = changed ? await releaseHeld(tx, input.source) : 0;
    if (changed) {
      await recordEvent(tx, context, {
        type: "EventSourceResumed",
        aggregateType: "event_source",
        aggregateId: input.source,
        payload: { source: input.source, released: rows },
      });
    }
    return { source: input.source, status: "active", changed, rows };
  });
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
const newSigningSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

export async function rotateSourceSecret(
  db: Db,
  context: ServiceContext,
  input: RotateSecretInput,
): Promise<RotatedSecret> {
  requirePermission(context, "events:manage");
  await requireSource(db, input.source);
  const now = context.clock.now();
  const overlapEndsAt = new Date(now.getTime() + input.overlapHours * 3_600_000);
  const secret = newSigningSecret();
  return withTransaction(db, async (tx) => {
    const rotated = await rotateSecret(tx, input.source, secret, now, overlapEndsAt);
    // The audit trail names the secret, never its value.
    await recordEvent(tx, context, {
      type: "EventSourceSecretRotated",
      aggregateType: "event_source",
      aggregateId: input.source,
      payload: {
        source: input.source,
        secretId: rotated.id,
        overlapHours: input.overlapHours,
        previousExpireAt: rotated.previousExpireAt?.toISOString() ?? null,
      },
    });
    return {
      source: input.source,
      secretId: rotated.id,
      secret,
      previousExpireAt: rotated.previousExpireAt,
    };
  });
}
