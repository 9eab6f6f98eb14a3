import { describeIssues, issuesOf, type InputIssue } from "../../api/rest/envelope.ts";
import { CATALOGUE, isInboundType, orderingKey, payloadSchema } from "../catalogue.ts";
import type { NewInboundEvent } from "../inbox-repository.ts";
import { inboundCloudEvent } from "./contract.ts";
import { MAX_DATA_DEPTH, jsonNestedDeeperThan, nestedTooDeepPath } from "./nesting.ts";
import {
  jsonMayHoldUnstorable,
  unstorableAttribute,
  unstorableCharacterPath,
} from "./unstorable-character.ts";
import type { RejectReason } from "./edge-metrics.ts";
import type { SourceSnapshot } from "./source-directory.ts";
import { uuid7 } from "../../events/uuid7.ts";

// One CloudEvents 1.0 event (JSON format) checked against the catalogue. Envelope problems refuse the event and
// store nothing; a payload that fails its schema is stored dead (failure class "schema") so it can be fixed and
// replayed, and the sender is told which field.

export interface EventChecks {
  sources: SourceSnapshot;
  /** The source whose secret signed the request; null for a bearer token. */
  signedBy: string | null;
  /** The sources a bearer token's client may send as (ApiClient.eventSources); empty: any. */
  clientSources: readonly string[];
  receivedVia: string;
  /** The request's traceparent header, for events that carry none of their own. */
  traceparent: string | null;
  /** False when the JSON text the events came from cannot hold an unstorable character (jsonMayHoldUnstorable). */
  mayHoldUnstorable: boolean;
  /** False when that text nests no deeper than MAX_DATA_DEPTH anywhere. */
  mayNestTooDeep: boolean;
}

/** What the JSON text the events came from rules out, so that most events need no walk of their data. */
export const textChecks = (text: string) => ({
  mayHoldUnstorable: jsonMayHoldUnstorable(text),
  mayNestTooDeep: jsonNestedDeeperThan(text, MAX_DATA_DEPTH),
});

export type CheckedEvent =
  | { kind: "store"; row: NewInboundEvent; schemaIssues: InputIssue[] | null }
  | {
      kind: "reject";
      id: string | null;
      code: "BAD_REQUEST" | "FORBIDDEN";
      reason: RejectReason;
      issues: InputIssue[];
    };

const refuse = (
  raw: unknown,
  reason: RejectReason,
  issues: InputIssue[],
  code: "BAD_REQUEST" | "FORBIDDEN" = "BAD_REQUEST",
): CheckedEvent => ({ kind: "reject", id: idOf(raw), code, reason, issues });

/** The event's id when it has a usable one, for per-event answers in a batch. */
function idOf(raw: unknown): string | null {
  const id = raw !== null && typeof raw === "object" ? (raw as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export function checkCloudEvent(raw: unknown, checks: EventChecks): CheckedEvent {
  if (!isRecord(raw)) return refuse(raw, "envelope", [{ path: "event", message: "must be a JSON object" }]);
  const parsed = inboundCloudEvent.safeParse(raw);
  if (!parsed.success) return refuse(raw, "envelope", issuesOf(parsed.error, "event"));
  const event = parsed.data;

  const source = checks.sources.get(event.source);
  if (!source) {
    return refuse(raw, "unknown_source", [
      { path: "source", message: `"${event.source}" is not a known source` },
    ]);
  }
  if (checks.signedBy !== null && checks.signedBy !== event.source) {
    const message = `must be "${checks.signedBy}", the source whose secret signed the request`;
    return refuse(raw, "source_mismatch", [{ path: "source", message }], "FORBIDDEN");
  }
  if (checks.clientSources.length > 0 && !checks.clientSources.includes(event.source)) {
    const message = `must be one of the sources this client may send as: ${checks.clientSources.join(", ")}`;
    return refuse(raw, "source_mismatch", [{ path: "source", message }], "FORBIDDEN");
  }
  if (!isInboundType(event.type)) {
    return refuse(raw, "unknown_type", [
      { path: "type", message: `"${event.type}" is not in the catalogue` },
    ]);
  }
  const publisher = CATALOGUE[event.type].source;
  if (publisher !== event.source) {
    const message = `${event.type} is published by ${publisher}, not ${event.source}`;
    return refuse(raw, "unknown_type", [{ path: "type", message }]);
  }
  const schema = payloadSchema(event.type, event.dataversion);
  if (!schema) {
    const message = `${event.type} has no data version ${event.dataversion} in the catalogue`;
    return refuse(raw, "unknown_type", [{ path: "dataversion", message }]);
  }

  const tooDeepAt = checks.mayNestTooDeep ? nestedTooDeepPath(event.data, "data", MAX_DATA_DEPTH) : null;
  if (tooDeepAt !== null) {
    const message = `must not nest arrays and objects more than ${MAX_DATA_DEPTH} levels deep`;
    return refuse(raw, "envelope", [{ path: tooDeepAt, message }]);
  }
  // The stored attributes too: a NUL in the id or subject would fail the inbox write, and with it the batch.
  const unstorableAt = checks.mayHoldUnstorable
    ? (unstorableAttribute({ id: event.id, subject: event.subject }) ??
      unstorableCharacterPath(event.data, "data"))
    : null;
  if (unstorableAt !== null) {
    const message = "must not contain a NUL character (\\u0000) or half of a surrogate pair";
    return refuse(raw, "envelope", [{ path: unstorableAt, message }]);
  }

  const payload = schema.safeParse(event.data);
  const schemaIssues = payload.success
    ? null
    : issuesOf(payload.error, "data").map((issue) => ({
        path: issue.path === "data" ? "data" : `data.${issue.path}`,
        message: issue.message,
      }));
  // The raw payload is kept as sent (no trimming or defaults): processing parses it again with its version.
  const data = event.data;
  return {
    kind: "store",
    schemaIssues,
    row: {
      receiptId: uuid7(),
      source: event.source,
      eventId: event.id,
      type: event.type,
      dataVersion: event.dataversion,
      subject: event.subject ?? null,
      time: event.time ?? null,
      data,
      orderingKey: orderingKey(event.type, isRecord(data) ? data : {}),
      receivedVia: checks.receivedVia,
      status: schemaIssues ? "dead" : source.paused ? "held" : "pending",
      failureClass: schemaIssues ? "schema" : null,
      lastError: schemaIssues ? describeIssues(schemaIssues) : null,
      traceparent: event.traceparent ?? checks.traceparent,
    },
  };
}
