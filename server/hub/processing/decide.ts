import type { Db } from "../../db/client.ts";
import { normalise } from "../mapping/normalise.ts";
import type { NormalisedEvent, RawInbound } from "../mapping/normalised.ts";
import type { RouteDecision } from "../routes/effects.ts";
import { factsNeeded, route } from "../routes/table.ts";
import { inPhase } from "./failure.ts";
import { loadFacts } from "./facts.ts";

export interface Decided {
  event: NormalisedEvent;
  decision: RouteDecision;
}

/**
 * An inbox event normalised with its source's mapping version and routed, without performing anything: what
 * processing will do, and what a dry-run replay shows. `beforeRouting` lets processing store the normalised form
 * before the facts are read, so the event counts itself; without it (a dry run of a dead or unrouted row, which
 * the counts leave out) the event is added to its own counts, as the replay will find it.
 */
export async function decide(
  db: Db,
  raw: RawInbound,
  mappingVersion: number,
  beforeRouting?: (event: NormalisedEvent) => Promise<void>,
): Promise<Decided> {
  const event = await inPhase("mapping", async () => {
    const normalised = normalise(raw, mappingVersion);
    await beforeRouting?.(normalised);
    return normalised;
  });
  const stored = beforeRouting !== undefined;
  const decision = await inPhase("routing", async () =>
    route(event, await loadFacts(db, event, factsNeeded(event), { countsItself: stored })),
  );
  return { event, decision };
}
