import type { BatchEventHandler, DeliveredEvent, EventHandler } from "./delivered-event.ts";
import type { Db } from "../db/client.ts";
import type { ServiceContext } from "../lib/service-context.ts";

/**
 * The set-wise part of a consumer: the events it `takes` go to `batch` together, which answers a note per event,
 * or null for an event it leaves to the per-event handler after all (say, one with more to do than the common case).
 */
export interface SetWisePart {
  takes: (event: DeliveredEvent) => boolean;
  batch: (
    db: Db,
    contextOf: (event: DeliveredEvent) => ServiceContext,
    events: readonly DeliveredEvent[],
  ) => Promise<(string | null)[]>;
}

/**
 * A batch consumer made of a per-event handler and a set-wise part for its common, high-volume events: the
 * common ones cost a statement per batch, the rest go one by one as before. A claimed batch never holds two
 * events of one aggregate, so taking some out of line keeps each aggregate's order.
 */
export function withSetWisePart(perEvent: EventHandler, setWise: SetWisePart): BatchEventHandler {
  return {
    async batch(db, contextOf, events) {
      const notes: (string | null)[] = events.map(() => null);
      const taken = events.flatMap((event, index) => (setWise.takes(event) ? [index] : []));
      if (taken.length > 0) {
        const answered = await setWise.batch(
          db,
          contextOf,
          taken.map((index) => events[index]!),
        );
        taken.forEach((index, position) => (notes[index] = answered[position] ?? null));
      }
      for (const [index, event] of events.entries()) {
        notes[index] ??= await perEvent(db, contextOf(event), event);
      }
      return notes as string[];
    },
  };
}
