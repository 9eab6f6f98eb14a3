import { z } from "zod";
import { protectedProcedure, router } from "../trpc.ts";
import { eventHub } from "../../live/event-hub.ts";
import { canSeeAggregate } from "../../live/visibility.ts";

export const liveRouter = router({
  /** Committed domain events the user may see, pushed over SSE as they happen (LISTEN/NOTIFY). */
  events: protectedProcedure
    .input(z.object({ aggregateTypes: z.array(z.enum(["ticket", "risk_case", "city", "alert"])).min(1) }))
    .subscription(async function* ({ ctx, input, signal }) {
      const wanted = new Set<string>(input.aggregateTypes.filter((type) => canSeeAggregate(ctx.user, type)));
      for await (const event of eventHub().events(signal)) {
        if (wanted.has(event.aggregateType)) yield event;
      }
    }),
});
