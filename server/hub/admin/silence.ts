import type { Db } from "../../db/client.ts";
import { withTransaction } from "../../db/transaction.ts";
import { recordEvents } from "../../events/record.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import { updateSilence, type SilenceChange } from "../sources-repository.ts";

// "Indicator updates stopped": a source that sent nothing for its silenceAfterSeconds is marked silent (an
// InboundSourceSilent event the screen and any consumer can act on), and resumed when it is heard again.

export const SILENCE_CHECK_EVERY_MS = 60_000;

const iso = (at: Date | null) => at?.toISOString() ?? null;

export async function checkSourceSilence(db: Db, context: ServiceContext) {
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    const { silent, resumed } = await updateSilence(tx, now);
    const event = (type: "InboundSourceSilent" | "InboundSourceResumed", change: SilenceChange) => ({
      type,
      aggregateType: "event_source",
      aggregateId: change.key,
      payload: {
        source: change.key,
        lastEventAt: iso(change.lastEventAt),
        silentSince: iso(change.silentSince),
      },
    });
    await recordEvents(tx, context, [
      ...silent.map((change) => event("InboundSourceSilent", change)),
      ...resumed.map((change) => event("InboundSourceResumed", change)),
    ]);
    return { silent: silent.map((change) => change.key), resumed: resumed.map((change) => change.key) };
  });
}
