import { z } from "zod";
import { inboundBatchAnswer, inboundReceipt } from "../../hub/edge/contract.ts";
import { MAX_BATCH_EVENTS, MAX_BODY_BYTES } from "../../hub/edge/receive.ts";
import type { OpenApiArea } from "./operation.ts";

const INBOUND_EVENT_REF = "#/components/schemas/InboundCloudEvent";

export const inboundEventsArea: OpenApiArea = {
  tag: {
    name: "Inbound events",
    description: "Other units' events into the console's inbox, as CloudEvents 1.0 (JSON format).",
  },
  operations: [
    {
      operationId: "sendEvents",
      method: "post",
      path: "/api/operations/events",
      scope: "events:write",
      summary: "Send one event or a batch to the inbox",
      description:
        "One event as `application/cloudevents+json` (or `application/json`), or a batch of up to " +
        `${MAX_BATCH_EVENTS} as \`application/cloudevents-batch+json\` (a JSON array); at most ${MAX_BODY_BYTES} ` +
        "bytes. Authenticate with a bearer token (scope events:write) or sign the body with one of the source's " +
        "secrets by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp` within 5 minutes, " +
        "`webhook-signature`); a signed event's `source` must be the secret's source. The event is stored and " +
        "answered; processing happens after. Idempotent on (`source`, `id`). A batch is per event: the answer " +
        "(202) has one receipt or error per event, and only a problem with the whole request refuses it all.",
      // The catalogue's typed events (hub.ts), so a generated client knows each type's data.
      bodies: {
        "application/cloudevents+json": { $ref: INBOUND_EVENT_REF },
        "application/json": { $ref: INBOUND_EVENT_REF },
        "application/cloudevents-batch+json": {
          type: "array",
          items: { $ref: INBOUND_EVENT_REF },
          minItems: 1,
          maxItems: MAX_BATCH_EVENTS,
        },
      },
      responses: {
        202: {
          description: "Stored (one event: its receipt; a batch: a receipt or an error per event).",
          schema: z.union([inboundReceipt, inboundBatchAnswer]),
        },
        200: {
          description: "A re-send of an event already stored: the first receipt.",
          schema: inboundReceipt,
        },
      },
      errors: {
        401: "No bearer token or signature, an invalid or expired token, or a signature that does not verify.",
        403: "The token lacks events:write, or a signed event names another source than the secret's.",
        409: "A re-send that passes its schema, of an id whose first copy failed it: the inbox keeps the first copy, dead (`details.receiptId`); send the corrected event with a new id.",
        413: true,
        415: true,
        422: "The data fails the type's schema: the event is stored dead (`details.receiptId`) to be replayed. A re-send of that id is answered so again.",
      },
    },
  ],
};
