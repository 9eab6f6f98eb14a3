import { ingestIndicators } from "../../cities/ingest.ts";
import type { Db } from "../../db/client.ts";
import { BUCKET_MS } from "../../indicators/metrics.ts";
import type { ServiceContext } from "../../lib/service-context.ts";
import { ingestSignals } from "../../risk/ingest.ts";
import { namedCityId } from "../../tickets/cities.ts";
import { createTicket } from "../../tickets/create.ts";
import { changeTicket } from "../../tickets/service.ts";
import { bucketValue, ticketHasCommentMarked } from "../processing-repository.ts";
import type { Effect } from "../routes/effects.ts";

// The executor: each intended effect made through its domain's service, each idempotent on the inbound event
// (ticket externalId and signal sourceEventId `inbound:<source>:<eventId>`, absolute indicator values, a
// comment marked with the same key), so a retry after a crash adds nothing twice.

export type Produced =
  | { kind: "ticket"; ticketId: string; number: number; created: boolean }
  | { kind: "risk_signal"; sourceEventId: string; caseId: string | null; duplicate: boolean }
  | { kind: "indicator"; metric: string; city: string; bucketStart: string; value: number }
  | { kind: "ticket_comment"; ticketId: string; added: boolean }
  | { kind: "contract_change"; event: "ContractChangeReceived" };

/** Rounds of write-then-recount before an indicator write gives up (and is retried later). */
const INDICATOR_ROUNDS = 5;

/**
 * Writes the bucket's value counted from the inbox, then counts again: when an event of the same bucket was
 * processed side by side and wrote an older count after ours, the recount differs and is written. The last
 * writer always recounts after its write, so the bucket ends at the count of every event in it.
 */
export async function writeIndicator(
  db: Db,
  context: ServiceContext,
  effect: Extract<Effect, { kind: "indicator" }>,
): Promise<Produced> {
  const { metric, cityCode, bucketStart } = effect;
  const bucketEnd = new Date(bucketStart.getTime() + BUCKET_MS);
  let written: number | null = null;
  for (let round = 0; round < INDICATOR_ROUNDS; round++) {
    const value = await bucketValue(db, metric, cityCode, bucketStart, bucketEnd);
    if (value === written) {
      return { kind: "indicator", metric, city: cityCode, bucketStart: bucketStart.toISOString(), value };
    }
    await ingestIndicators(db, context, { points: [{ city: cityCode, metric, bucketStart, value }] });
    written = value;
  }
  throw new Error(`${metric} of ${cityCode} at ${bucketStart.toISOString()} kept changing while written`);
}

/** One effect through its domain's service. */
export async function perform(db: Db, context: ServiceContext, effect: Effect): Promise<Produced[]> {
  switch (effect.kind) {
    case "ticket": {
      const { created, ticket } = await createTicket(db, context, effect.ticket);
      return [{ kind: "ticket", ticketId: ticket.id, number: ticket.number, created }];
    }
    case "risk_signal": {
      const cityId = effect.cityCode ? await namedCityId(db, { city: effect.cityCode }) : undefined;
      const [result] = await ingestSignals(db, context, {
        signals: [{ ...effect.signal, ...(cityId ? { cityId } : {}) }],
      });
      return [
        {
          kind: "risk_signal",
          sourceEventId: effect.signal.sourceEventId,
          caseId: result?.caseId ?? null,
          duplicate: result?.duplicate ?? false,
        },
      ];
    }
    case "indicator":
      return [await writeIndicator(db, context, effect)];
    case "ticket_comment": {
      const produced: Produced[] = [];
      for (const ticketId of effect.ticketIds) {
        // One ticket at a time: the events of one order are processed one after another, so no twin runs.
        const added = !(await ticketHasCommentMarked(db, ticketId, effect.marker));
        if (added) {
          await changeTicket(db, context, {
            id: ticketId,
            version: null,
            change: {},
            comment: { body: effect.body, visibility: "internal" },
          });
        }
        produced.push({ kind: "ticket_comment", ticketId, added });
      }
      return produced;
    }
    case "contract_change":
      return [{ kind: "contract_change", event: "ContractChangeReceived" }];
  }
}

/** The decision's effects, in order. */
export async function performEffects(
  db: Db,
  context: ServiceContext,
  effects: readonly Effect[],
): Promise<Produced[]> {
  const produced: Produced[] = [];
  for (const effect of effects) produced.push(...(await perform(db, context, effect)));
  return produced;
}
