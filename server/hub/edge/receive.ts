import { performance } from "node:perf_hooks";
import {
  describeIssues,
  errorEnvelope,
  type ErrorEnvelope,
  type InputIssue,
} from "../../api/rest/envelope.ts";
import type { ApiPrincipal } from "../../integration/oauth.ts";
import { correlationIdFrom } from "../../lib/correlation.ts";
import { AppError, isAppError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import { currentTraceparent } from "../../lib/telemetry/spans.ts";
import type { InboxReceipt, NewInboundEvent } from "../inbox-repository.ts";
import { checkCloudEvent, textChecks, type CheckedEvent } from "./cloud-event.ts";
import { TRACEPARENT } from "./contract.ts";
import type { EdgeMetrics, EdgePhase, RejectReason } from "./edge-metrics.ts";
import { EdgeRefusal } from "./refusal.ts";
import { hasSignatureHeaders, verifySignature } from "./signature.ts";
import type { SourceSnapshot } from "./source-directory.ts";

// POST /api/operations/events, whoever serves it (the lean listener or Next's route): auth, parse, validate,
// store in the inbox, answer receipts. Nothing else happens in the request; processing picks the rows up.
//
// A batch is per-event: good events are stored even when others in the same batch are refused, and the answer
// (202) carries one entry per event, in order. Only a problem with the request as a whole (auth, content type,
// size, JSON, not an array, too many events) refuses the whole batch, with nothing stored.

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_BATCH_EVENTS = 1_000;

/**
 * The trace an event without its own continues: the request's server span when tracing is on (itself a child of
 * the caller's traceparent header), else the header as sent, when valid.
 */
function requestTraceparent(request: EdgeRequest): string | null {
  const header = request.header("traceparent");
  return currentTraceparent() ?? (header && TRACEPARENT.test(header) ? header : null);
}

export interface EdgeRequest {
  /** A header by lower-case name. */
  header(name: string): string | undefined;
  /** The body, refused with a 413 EdgeRefusal past `limit` bytes. */
  readBody(limit: number): Promise<Buffer>;
}

export interface EdgeAnswer {
  status: number;
  body: unknown;
  correlationId: string;
  /** Extra response headers (Retry-After on a 429). */
  headers: Record<string, string>;
}

export interface EdgeDeps {
  authenticateBearer(authorization: string): Promise<ApiPrincipal>;
  sources(): Promise<SourceSnapshot>;
  write(rows: readonly NewInboundEvent[]): Promise<InboxReceipt[]>;
  /** New rows arrived from these sources (EventSource.lastEventAt, throttled by the callee). */
  eventsArrived(sources: ReadonlySet<string>): void;
  /** A request refused for a source (the one its body names), counted for the Event hub screen. */
  refused(source: string, failureClass: "signature"): void;
  /** The per-source rate limit: null admits the events, a number is the seconds to wait. */
  admit(sourceKey: string, events: number): number | null;
  metrics: EdgeMetrics;
  log: Logger;
  now(): number;
}

type Mode = "single" | "batch";
type Timings = Record<Exclude<EdgePhase, "log" | "total">, number>;
type Caller = { signedBy: string | null; clientSources: readonly string[]; receivedVia: string };

interface BatchReceipt {
  index: number;
  id: string | null;
  status: number;
  receiptId?: string;
  duplicate?: true;
  error?: ErrorEnvelope["error"];
}

function modeOf(contentType: string | undefined): Mode | null {
  const media = contentType?.split(";")[0]?.trim().toLowerCase();
  if (media === "application/cloudevents+json" || media === "application/json") return "single";
  if (media === "application/cloudevents-batch+json") return "batch";
  return null;
}

const badRequest = (reason: RejectReason, path: string, message: string) =>
  new EdgeRefusal(reason, "BAD_REQUEST", `${path} ${message}.`, [{ path, message }]);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest("malformed_json", "body", `is not valid JSON (${(error as Error).message})`);
  }
}

function eventsOf(parsed: unknown, mode: Mode): unknown[] {
  if (mode === "single") {
    if (Array.isArray(parsed)) {
      throw badRequest(
        "batch_shape",
        "body",
        "is an array: send a batch as application/cloudevents-batch+json",
      );
    }
    return [parsed];
  }
  if (!Array.isArray(parsed)) throw badRequest("batch_shape", "body", "must be a JSON array of events");
  if (parsed.length === 0) throw badRequest("batch_shape", "body", "must hold at least one event");
  if (parsed.length > MAX_BATCH_EVENTS) {
    throw new EdgeRefusal(
      "too_large",
      "PAYLOAD_TOO_LARGE",
      `A batch holds at most ${MAX_BATCH_EVENTS} events.`,
      [{ path: "body", message: `must hold at most ${MAX_BATCH_EVENTS} events` }],
    );
  }
  return parsed;
}

const sourceHint = (event: unknown): string | undefined => {
  const source =
    event !== null && typeof event === "object" ? (event as { source?: unknown }).source : undefined;
  return typeof source === "string" ? source : undefined;
};

async function bearerCaller(authorization: string, deps: EdgeDeps): Promise<Caller> {
  const principal = await deps.authenticateBearer(authorization);
  return {
    signedBy: null,
    clientSources: principal.eventSources,
    receivedVia: `bearer:${principal.clientId}`,
  };
}

/** A signed request's caller is the source whose secret verified the body. */
function signedCaller(
  request: EdgeRequest,
  body: Buffer,
  events: readonly unknown[],
  sources: SourceSnapshot,
  deps: EdgeDeps,
): Caller {
  const signed = {
    id: request.header("webhook-id"),
    timestamp: request.header("webhook-timestamp"),
    signature: request.header("webhook-signature"),
  };
  if (!hasSignatureHeaders(signed)) {
    const message =
      "is required: a bearer token with scope events:write, or Standard Webhooks signature headers";
    throw new EdgeRefusal("unauthenticated", "UNAUTHORIZED", `authorization ${message}.`, [
      { path: "authorization", message },
    ]);
  }
  const hint = sourceHint(events[0]);
  const check = verifySignature(body, signed, sources.signingCandidates(hint), deps.now());
  if (!check.ok) {
    // Counted against the source the body names, when it is one: the screen shows who is sending bad signatures.
    if (hint !== undefined && sources.get(hint)) deps.refused(hint, "signature");
    throw new EdgeRefusal("signature", "UNAUTHORIZED", `${check.field} ${check.message}.`, [
      { path: check.field, message: check.message },
    ]);
  }
  return { signedBy: check.source, clientSources: [], receivedVia: `signature:${check.secretId}` };
}

/** PostgreSQL refused a value (class 22, e.g. a \u0000 in a string): the sender's data, so a 400. */
function storeFailure(error: unknown): never {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code.startsWith("22")) {
    throw badRequest(
      "unstorable",
      "body",
      `holds a value the inbox cannot store (${(error as Error).message})`,
    );
  }
  throw error;
}

interface Outcome {
  status: number;
  body: unknown;
  fields: Record<string, unknown>;
  headers?: Record<string, string>;
}

function rejectedEntry(checked: Extract<CheckedEvent, { kind: "reject" }>) {
  const error = new AppError(checked.code, describeIssues(checked.issues), {
    details: { issues: checked.issues },
  });
  return errorEnvelope(error);
}

function schemaFailure(row: NewInboundEvent, issues: InputIssue[], receiptId: string) {
  const message =
    `The data does not match ${row.type} version ${row.dataVersion}: ${describeIssues(issues)}. ` +
    `The event is stored dead-lettered (receipt ${receiptId}) to be fixed and replayed.`;
  return errorEnvelope(new AppError("UNPROCESSABLE", message, { details: { issues, receiptId } }));
}

function correctedResend(row: NewInboundEvent, receiptId: string) {
  const message =
    `Event ${row.eventId} of ${row.source} was received before and failed its schema; that first copy is kept ` +
    `dead-lettered (receipt ${receiptId}) and this one is not stored. Send the corrected event with a new id, ` +
    "or have an admin replay the dead letter once the catalogue accepts it.";
  return errorEnvelope(new AppError("CONFLICT", message, { details: { receiptId } }));
}

async function receive(request: EdgeRequest, deps: EdgeDeps, timings: Timings): Promise<Outcome> {
  const mode = modeOf(request.header("content-type"));
  if (!mode) {
    const message =
      "must be application/cloudevents+json or application/json (one event), or application/cloudevents-batch+json";
    throw new EdgeRefusal("content_type", "UNSUPPORTED_MEDIA_TYPE", `content-type ${message}.`, [
      { path: "content-type", message },
    ]);
  }
  const body = await request.readBody(MAX_BODY_BYTES);

  let started = performance.now();
  // A bearer token is checked before parsing anything; a signature needs the body (and its source) first.
  const authorization = request.header("authorization");
  const bearer = authorization === undefined ? null : await bearerCaller(authorization, deps);
  timings.auth += performance.now() - started;

  started = performance.now();
  const text = body.toString("utf8");
  const events = eventsOf(parseJson(text), mode);
  timings.parse += performance.now() - started;

  const sources = await deps.sources();
  started = performance.now();
  const caller = bearer ?? signedCaller(request, body, events, sources, deps);
  timings.auth += performance.now() - started;

  started = performance.now();
  const checks = {
    sources,
    ...caller,
    traceparent: requestTraceparent(request),
    ...textChecks(text),
  };
  const checked = events.map((event) => checkCloudEvent(event, checks));
  timings.parse += performance.now() - started;

  const rows = checked.flatMap((c) => (c.kind === "store" ? [c.row] : []));
  admitSources(rows, deps);

  started = performance.now();
  const receipts = await deps.write(rows).catch(storeFailure);
  timings.write += performance.now() - started;

  return answer(mode, checked, receipts, deps);
}

/** Refuses the whole request when any of its sources is over its rate limit. */
function admitSources(rows: readonly NewInboundEvent[], deps: EdgeDeps): void {
  const perSource = new Map<string, number>();
  for (const row of rows) perSource.set(row.source, (perSource.get(row.source) ?? 0) + 1);
  for (const [source, events] of perSource) {
    const wait = deps.admit(source, events);
    if (wait === null) continue;
    const message = `is over its rate limit: retry after ${wait} s`;
    throw new EdgeRefusal(
      "rate_limited",
      "TOO_MANY_REQUESTS",
      `source ${source} ${message}.`,
      [{ path: "source", message }],
      wait,
    );
  }
}

/** Pairs receipts with the events, counts them, and builds the single or batch answer. */
function answer(
  mode: Mode,
  checked: readonly CheckedEvent[],
  receipts: readonly InboxReceipt[],
  deps: EdgeDeps,
) {
  const { metrics } = deps;
  const arrived = new Set<string>();
  const counts = { accepted: 0, duplicates: 0, rejected: 0 };
  let next = 0;
  const entries = checked.map((c, index): { status: number; body: unknown; entry: BatchReceipt } => {
    if (c.kind === "reject") {
      metrics.rejected.inc({ reason: c.reason });
      counts.rejected += 1;
      const { status, body } = rejectedEntry(c);
      return { status, body, entry: { index, id: c.id, status, error: body.error } };
    }
    const receipt = receipts[next++]!;
    const { receiptId, duplicate } = receipt;
    const id = c.row.eventId;
    if (duplicate) {
      metrics.duplicates.inc({ source: c.row.source });
      counts.duplicates += 1;
    } else {
      arrived.add(c.row.source);
    }
    // A re-send is answered about the first copy: accepted (200), or dead for its schema (422 again, and 409
    // when this copy passes, for the inbox keeps the first copy of an id and this one is not stored).
    if (duplicate && receipt.firstFailedSchema && !c.schemaIssues) {
      metrics.rejected.inc({ reason: "schema_resend" });
      counts.rejected += 1;
      const { status, body } = correctedResend(c.row, receiptId);
      return { status, body, entry: { index, id, status, receiptId, error: body.error } };
    }
    if (c.schemaIssues && (!duplicate || receipt.firstFailedSchema)) {
      metrics.rejected.inc({ reason: "schema" });
      counts.rejected += 1;
      const { status, body } = schemaFailure(c.row, c.schemaIssues, receiptId);
      return { status, body, entry: { index, id, status, receiptId, error: body.error } };
    }
    if (!duplicate) {
      metrics.accepted.inc({ source: c.row.source });
      counts.accepted += 1;
    }
    const status = duplicate ? 200 : 202;
    return {
      status,
      body: { receiptId },
      entry: { index, id, status, receiptId, ...(duplicate ? { duplicate: true as const } : {}) },
    };
  });
  if (arrived.size > 0) deps.eventsArrived(arrived);
  const fields = { mode, events: checked.length, ...counts };
  if (mode === "single") return { status: entries[0]!.status, body: entries[0]!.body, fields };
  return { status: 202, body: { ...counts, receipts: entries.map((e) => e.entry) }, fields };
}

function failure(error: unknown, deps: EdgeDeps): Outcome {
  if (error instanceof EdgeRefusal) {
    deps.metrics.rejected.inc({ reason: error.reason });
  } else if (isAppError(error)) {
    // authenticateBearer: no, bad or expired token (401) or a token without events:write (403).
    deps.metrics.rejected.inc({ reason: error.code === "FORBIDDEN" ? "forbidden" : "unauthenticated" });
  } else {
    const body: ErrorEnvelope = { error: { code: "INTERNAL", message: "Unexpected error." } };
    return { status: 500, body, fields: { err: error } };
  }
  const { status, body } = errorEnvelope(error);
  const retryAfter = error instanceof EdgeRefusal ? error.retryAfterSeconds : undefined;
  return {
    status,
    body,
    fields: { reason: body.error.message },
    ...(retryAfter === undefined ? {} : { headers: { "retry-after": String(retryAfter) } }),
  };
}

export async function receiveEvents(request: EdgeRequest, deps: EdgeDeps): Promise<EdgeAnswer> {
  const started = performance.now();
  const correlationId = correlationIdFrom({ get: (name) => request.header(name.toLowerCase()) ?? null });
  const timings: Timings = { auth: 0, parse: 0, write: 0 };
  const outcome = await receive(request, deps, timings).catch((error: unknown) => failure(error, deps));

  const logged = performance.now();
  const line = { correlationId, route: "events", status: outcome.status, ...outcome.fields };
  if (outcome.status >= 500) deps.log.error(line, "inbound events failed");
  else deps.log.info(line, "inbound events");
  const { seconds, requests } = deps.metrics;
  requests.inc({ route: "events", status: String(outcome.status) });
  const done = performance.now();
  for (const [phase, ms] of Object.entries(timings)) seconds.observe({ phase }, ms / 1000);
  seconds.observe({ phase: "log" }, (done - logged) / 1000);
  seconds.observe({ phase: "total" }, (done - started) / 1000);
  return { status: outcome.status, body: outcome.body, correlationId, headers: outcome.headers ?? {} };
}
