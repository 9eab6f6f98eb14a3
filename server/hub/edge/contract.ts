import { z } from "zod";
import { errorEnvelopeSchema } from "../../api/rest/envelope.ts";
import { SOURCE_KEYS } from "../catalogue.ts";

// The inbound edge's contract: a CloudEvents 1.0 event in the JSON format, as the edge checks it before the
// catalogue's per-type payload schema, and the answers (a receipt, or per-event receipts for a batch).

/** W3C trace context, as the CloudEvents distributed-tracing extension carries it. */
export const TRACEPARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/;

const END_OF_9999 = Date.UTC(10_000, 0, 1);
/** From 1970-01-01 up to the end of 9999, UTC. Date.parse, not `new Date`: Next wraps the constructor. */
const inStorableYears = (iso: string) => {
  const ms = Date.parse(iso);
  return ms >= 0 && ms < END_OF_9999;
};

export const inboundCloudEvent = z.looseObject({
  specversion: z.literal("1.0", { error: 'must be "1.0"' }),
  id: z
    .string({ error: "is required" })
    .min(1, "must not be empty")
    .max(200)
    .describe("Unique per source: a re-send with the same source and id is answered with the first receipt."),
  source: z
    .string({ error: "is required" })
    .min(1, "must not be empty")
    .max(200)
    .describe(`The sending unit, a registered event source: ${SOURCE_KEYS.join(", ")}.`),
  type: z
    .string({ error: "is required" })
    .min(1, "must not be empty")
    .max(200)
    .describe("An event type of the catalogue published by `source`, e.g. OrderCancellationRequested."),
  time: z.iso
    .datetime({ offset: true, error: "must be an RFC 3339 timestamp" })
    .refine(inStorableYears, "must be between the years 1970 and 9999")
    .optional()
    .describe("When the occurrence happened."),
  subject: z.string().min(1, "must not be empty").max(500).optional(),
  datacontenttype: z
    .string()
    .regex(/^application\/(?:[\w.-]+\+)?json\s*(?:;.*)?$/i, "must be a JSON media type")
    .optional(),
  dataversion: z
    .union(
      [
        z.number().int().min(1),
        z
          .string()
          .regex(/^[1-9]\d{0,5}$/)
          .transform(Number),
      ],
      {
        error: "must be a positive integer",
      },
    )
    .default(1)
    .describe("Extension attribute: the version of the type's payload schema (default 1)."),
  traceparent: z
    .string()
    .regex(TRACEPARENT, "must be a W3C traceparent")
    .optional()
    .describe("Distributed-tracing extension; the request's traceparent header is used when absent."),
  data: z
    .unknown()
    .refine((value) => value !== undefined, "is required")
    .describe("The payload, checked against the type's versioned schema in the catalogue."),
  data_base64: z.undefined({ error: "is not supported: send the data as JSON" }).optional(),
});

export const inboundReceipt = z.object({
  receiptId: z
    .uuid()
    .describe("The inbox entry's id. A re-send (200) answers the first receipt, not a new one."),
});

export const inboundBatchAnswer = z.object({
  accepted: z.number().int().describe("Events stored for the first time and valid."),
  duplicates: z.number().int().describe("Events already in the inbox (same source and id)."),
  rejected: z.number().int().describe("Events refused, or stored dead because their data failed its schema."),
  receipts: z
    .array(
      z.object({
        index: z.number().int().describe("Position in the batch."),
        id: z.string().nullable().describe("The event's id, when it had one."),
        status: z
          .number()
          .int()
          .describe("What a single POST of this event would answer: 202, 200, 400, 403, 409 or 422."),
        receiptId: z
          .uuid()
          .optional()
          .describe("Present when the event is in the inbox (422 and 409 included: the first copy's)."),
        duplicate: z.literal(true).optional(),
        error: errorEnvelopeSchema.shape.error.optional(),
      }),
    )
    .describe("One entry per event, in batch order."),
});
