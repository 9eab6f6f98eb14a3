import type { Db } from "../../db/client.ts";
import { systemContext, type ServiceContext } from "../../lib/service-context.ts";
import { MAX_SIGNAL_BATCH } from "../../risk/contract.ts";
import { ingestSignals } from "../../risk/ingest.ts";
import { namedCityId } from "../../tickets/cities.ts";
import { createTickets } from "../../tickets/create-batch.ts";
import type { Effect } from "../routes/effects.ts";
import { perform, writeIndicator, type Produced } from "./perform.ts";

// The effects of a claimed batch, grouped by kind instead of made event by event: every ticket of the batch in
// one transaction (each team's routing lock taken once), the risk signals in one ingest, each indicator bucket
// written once for all its events. Each effect stays idempotent on its inbound event, so an event whose group
// failed is simply processed again on its own (the per-event path), and what its group did commit counts once.

export interface BatchEntry {
  /** The event's context: its receipt is the correlation id of what it causes. */
  context: ServiceContext;
  effects: readonly Effect[];
}

type Made = Map<Effect, Produced[]>;

type Of<K extends Effect["kind"]> = Extract<Effect, { kind: K }>;

/** The effects of kind `kind` of the entries still standing, with the entry each belongs to. */
function effectsOf<K extends Effect["kind"]>(entries: readonly BatchEntry[], kind: K) {
  return entries.flatMap((entry) =>
    entry.effects.flatMap((effect) => (effect.kind === kind ? [{ entry, effect: effect as Of<K> }] : [])),
  );
}

async function makeTickets(db: Db, entries: readonly BatchEntry[], made: Made): Promise<void> {
  const wanted = effectsOf(entries, "ticket");
  const tickets = await createTickets(
    db,
    systemContext("hub.inbox"),
    wanted.map(({ entry, effect }) => ({ input: effect.ticket, correlationId: entry.context.correlationId })),
  );
  tickets.forEach(({ id, number, created }, index) =>
    made.set(wanted[index]!.effect, [{ kind: "ticket", ticketId: id, number, created }]),
  );
}

/** Signals in ingests of at most MAX_SIGNAL_BATCH; one event's alone carry its correlation id. */
async function makeSignals(db: Db, entries: readonly BatchEntry[], made: Made): Promise<void> {
  const wanted = effectsOf(entries, "risk_signal");
  const cityIds = new Map<string, string | undefined>();
  for (const { effect } of wanted) {
    if (effect.cityCode && !cityIds.has(effect.cityCode))
      cityIds.set(effect.cityCode, await namedCityId(db, { city: effect.cityCode }));
  }
  for (let start = 0; start < wanted.length; start += MAX_SIGNAL_BATCH) {
    const chunk = wanted.slice(start, start + MAX_SIGNAL_BATCH);
    const context = chunk.length === 1 ? chunk[0]!.entry.context : systemContext("hub.inbox");
    const results = await ingestSignals(db, context, {
      signals: chunk.map(({ effect }) => {
        const cityId = effect.cityCode ? cityIds.get(effect.cityCode) : undefined;
        return { ...effect.signal, ...(cityId ? { cityId } : {}) };
      }),
    });
    chunk.forEach(({ effect }, index) => {
      const result = results[index];
      made.set(effect, [
        {
          kind: "risk_signal",
          sourceEventId: effect.signal.sourceEventId,
          caseId: result?.caseId ?? null,
          duplicate: result?.duplicate ?? false,
        },
      ]);
    });
  }
}

/** Each bucket once: its value is counted from the inbox, so one write covers every event of the batch in it. */
async function makeIndicators(db: Db, entries: readonly BatchEntry[], made: Made): Promise<void> {
  const byBucket = new Map<string, Of<"indicator">[]>();
  for (const { effect } of effectsOf(entries, "indicator")) {
    const key = `${effect.metric}|${effect.cityCode}|${effect.bucketStart.toISOString()}`;
    const same = byBucket.get(key);
    if (same) same.push(effect);
    else byBucket.set(key, [effect]);
  }
  for (const effects of byBucket.values()) {
    const written = await writeIndicator(db, systemContext("hub.inbox"), effects[0]!);
    for (const effect of effects) made.set(effect, [written]);
  }
}

/** Timeline comments and contract notices: few, made one event at a time as the per-event path does. */
async function makeRest(db: Db, entries: readonly BatchEntry[], made: Made): Promise<void> {
  for (const entry of entries) {
    for (const effect of entry.effects) {
      if (effect.kind === "ticket_comment" || effect.kind === "contract_change")
        made.set(effect, await perform(db, entry.context, effect));
    }
  }
}

const GROUPS: { kind: Effect["kind"] | "rest"; make: typeof makeTickets }[] = [
  { kind: "ticket", make: makeTickets },
  { kind: "risk_signal", make: makeSignals },
  { kind: "indicator", make: makeIndicators },
  { kind: "rest", make: makeRest },
];

const inGroup = (effect: Effect, kind: Effect["kind"] | "rest") =>
  kind === "rest"
    ? effect.kind === "ticket_comment" || effect.kind === "contract_change"
    : effect.kind === kind;

/**
 * Makes the batch's effects group by group. An entry whose group fails is left out of the later groups and
 * answered null, to be processed on its own; the others get what they produced, in their effects' order.
 */
export async function performBatchEffects(
  db: Db,
  entries: readonly BatchEntry[],
  onGroupFailed: (kind: string, error: unknown) => void,
): Promise<(Produced[] | null)[]> {
  const made: Made = new Map();
  let standing = [...entries];
  for (const { kind, make } of GROUPS) {
    const involved = standing.filter((entry) => entry.effects.some((effect) => inGroup(effect, kind)));
    if (involved.length === 0) continue;
    try {
      await make(db, involved, made);
    } catch (error) {
      onGroupFailed(kind, error);
      standing = standing.filter((entry) => !involved.includes(entry));
    }
  }
  return entries.map((entry) =>
    standing.includes(entry) ? entry.effects.flatMap((effect) => made.get(effect) ?? []) : null,
  );
}
