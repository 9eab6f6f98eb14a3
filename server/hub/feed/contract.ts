import { z } from "zod";

// The outbound feed's contract: the console's own domain events as CloudEvents 1.0 (JSON format), in pages.

/** The CloudEvents `source` of every event the console publishes. */
export const FEED_SOURCE = "ops-console";
const DEFAULT_FEED_LIMIT = 100;
const MAX_FEED_LIMIT = 1_000;

export const feedQuery = z.object({
  after: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("`next` of the previous page; omit to read from the first event."),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_FEED_LIMIT)
    .default(DEFAULT_FEED_LIMIT)
    .describe("At most this many events."),
});
export type FeedQuery = z.output<typeof feedQuery>;

export const outboundEvent = z.object({
  specversion: z.literal("1.0"),
  id: z.uuid().describe("The domain event's id: unique with `source`, the same on every read."),
  source: z.literal(FEED_SOURCE),
  type: z.string().describe("The domain event type, e.g. TicketCreated."),
  time: z.iso.datetime().describe("When the event was recorded."),
  subject: z.string().describe("`<aggregateType>/<aggregateId>`, e.g. `ticket/…`."),
  datacontenttype: z.literal("application/json"),
  data: z.record(z.string(), z.unknown()).describe("The event's payload."),
  sequence: z
    .string()
    .regex(/^\d{20}$/)
    .describe(
      "CloudEvents sequence extension: the console's event seq, zero-padded to 20 digits so that it orders " +
        "lexicographically. Events about one subject carry increasing values in the order they happened.",
    ),
  traceparent: z
    .string()
    .optional()
    .describe(
      "CloudEvents distributed tracing extension: the W3C traceparent of the span that recorded the event, " +
        "when the console traces; a consumer's span continues the trace.",
    ),
});
export type OutboundEvent = z.infer<typeof outboundEvent>;

export const feedPage = z.object({
  events: z.array(outboundEvent),
  next: z
    .string()
    .describe("Pass as `after` to continue; the same cursor as `after` when no event was ready yet."),
});
export type FeedPage = z.infer<typeof feedPage>;
