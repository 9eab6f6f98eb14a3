import { z } from "zod";
import { protectedProcedure, router } from "../trpc.ts";
import { eachYielded } from "../subscription-output.ts";
import { eventHub } from "../../live/event-hub.ts";
import { canSeeAggregate } from "../../live/visibility.ts";
import { can } from "../../auth/permissions.ts";

const liveEventsInput = z.object({
  aggregateTypes: z.array(z.enum(["ticket", "risk_case", "city", "alert", "workflow", "incident"])).min(1),
  /**
   * Also a nudge whenever a notification is delivered anywhere, for the bell to refetch its own count. The nudge
   * carries no ids (the recipient is in the payload, which live events never carry), so it reveals nothing.
   */
  deliveryNudges: z.boolean().default(false),
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
      const nudges = input.deliveryNudges && can(ctx.user.roles, "notifications:read", ctx.user.permissions);
      for await (const event of eventHub().events(signal)) {
        if (wanted.has(event.aggregateType)) yield event;
        if (nudges && event.type === "NotificationDelivered") {
          yield { seq: event.seq, type: event.type, aggregateType: "notification", aggregateId: "" };
        }
      }
    }),
});
