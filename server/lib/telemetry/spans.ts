import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  createContextKey,
  type Attributes,
  type Context,
  type Span,
} from "@opentelemetry/api";

// The span helpers the rest of the server calls. Only @opentelemetry/api is loaded here: with tracing off (no
// provider registered, see tracing.ts) every helper returns at its first check, and the SDK is never imported.

const TRACER_NAME = "ops-console";

const state = globalThis as unknown as { opsTracingOn?: boolean };

/** Whether a tracer provider was registered by startTracing (once per process, shared by Next's bundles). */
export function tracingEnabled(): boolean {
  return state.opsTracingOn === true;
}

export function setTracingEnabled(on: boolean): void {
  state.opsTracingOn = on;
}

export { SpanKind };

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /**
   * A W3C traceparent the span continues (an event row's, an inbox row's): the span becomes its child, so one
   * trace follows the work across processes and queues. Absent or null: a child of the active span, if any.
   */
  parent?: string | null;
}

// The innermost span the console itself opened (a procedure, a consumer's delivery, a job). Instrumented
// libraries open spans inside it (Prisma's transaction and queries): ids and traceparents go to the work span,
// not to whichever library span happens to be active.
const WORK_SPAN = createContextKey("ops-console work span");

/** The innermost work span, or the active span (the request's server span at the event edge). */
function workSpan(): Span | undefined {
  if (!tracingEnabled()) return undefined;
  const active = context.active();
  return (active.getValue(WORK_SPAN) as Span | undefined) ?? trace.getSpan(active);
}

function parentContext(parent: string | null | undefined): Context {
  if (!parent) return context.active();
  return propagation.extract(ROOT_CONTEXT, { traceparent: parent });
}

/**
 * Runs `work` in a new active span: ended when it settles, marked as an error (with the exception) when it
 * throws. With tracing off it only calls `work`.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return work();
  const { kind = SpanKind.INTERNAL, attributes, parent } = options;
  const outer = parentContext(parent);
  const span = trace.getTracer(TRACER_NAME).startSpan(name, { kind, attributes }, outer);
  const inner = trace.setSpan(outer, span).setValue(WORK_SPAN, span);
  return context.with(inner, async () => {
    try {
      return await work();
    } catch (error) {
      recordSpanError(error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The attribute an object's id is kept under: `ops.ticket.id`, `ops.risk_case.id`, `ops.alert.id`. */
const objectAttribute = (kind: string) => `ops.${kind}.id`;

/** The objects (as event aggregate types) traces are looked up by. */
const TRACED_OBJECTS = new Set(["ticket", "risk_case", "alert"]);

/** The span attribute naming an event's aggregate, when it is one of the traced objects. */
export function objectAttributes(aggregateType: string, aggregateId: string): Attributes {
  return TRACED_OBJECTS.has(aggregateType) ? { [objectAttribute(aggregateType)]: aggregateId } : {};
}

/** Names on the active span the traced objects among these aggregates (the last one of a kind wins). */
export function setSpanObjects(aggregates: readonly { aggregateType: string; aggregateId: string }[]): void {
  const span = workSpan();
  if (!span) return;
  for (const { aggregateType, aggregateId } of aggregates) {
    span.setAttributes(objectAttributes(aggregateType, aggregateId));
  }
}

/** Marks the active span failed, for work that catches its error to record the outcome itself. */
export function recordSpanError(error: unknown): void {
  const span = workSpan();
  if (!span) return;
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : undefined });
}

/** Names the object (ticket, risk case, alert …) the active span works on, so traces can be found by its id. */
export function setSpanObject(kind: string, id: string): void {
  workSpan()?.setAttribute(objectAttribute(kind), id);
}

/** The work span as a W3C traceparent, to store beside work that continues later; null with tracing off. */
export function currentTraceparent(): string | null {
  const span = workSpan();
  if (!span) return null;
  const { traceId, spanId, traceFlags } = span.spanContext();
  if (!trace.isSpanContextValid(span.spanContext())) return null;
  return `00-${traceId}-${spanId}-${(traceFlags & 0xff).toString(16).padStart(2, "0")}`;
}
