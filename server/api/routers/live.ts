import { z } from "zod";
import { protectedProcedure, router } from "../trpc.ts";
import { eachYielded } from "../subscription-output.ts";
import { eventHub } from "../../live/event-hub.ts";
import { canSeeAggregate } from "../../live/visibility.ts";

const liveEventsInput = z.object({
  aggregateTypes: z.array(z.enum(["ticket", "risk_case", "city", "alert"])).min(1),
});

/** What a subscriber hears of a committed event: enough to refetch the aggregate, never its payload. */
const liveEvent = z.object({
  seq: z.string(),
  type: z.string(),
  aggregateType: z.string(),
  aggregateId: z.string(),
});

export const liveRouter = router({
  /** Committed domain events the user may see, pushed over SSE as they happen (LISTEN/NOTIFY). */
  events: protectedProcedure
    .input(liveEventsInput)
    .output(eachYielded(liveEvent))
    .subscription(async function* ({ ctx, input, signal }) {
      const wanted = new Set<string>(input.aggregateTypes.filter((type) => canSeeAggregate(ctx.user, type)));
      for await (const event of eventHub().events(signal)) {
        if (wanted.has(event.aggregateType)) yield event;
      }
    }),
});
