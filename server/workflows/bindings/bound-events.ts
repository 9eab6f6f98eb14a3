import type { InstanceRun } from "../runtime-types.ts";
import type { BindingKind, WorkflowTemplate } from "../template.ts";
import { resolveMatchValue } from "../wait-condition.ts";

// How another domain's event reaches the instances bound to its object: which bound object it is about, the
// payload the wait steps match on (with the object's id under its usual name, since the producers leave the
// aggregate id out of their payloads), and whether it closes the object.

const ID_FIELD: Readonly<Record<string, string>> = {
  ticket: "ticketId",
  risk_case: "caseId",
  alert: "alertId",
  incident: "incidentId",
};

/** Events that close or resolve their bound object. */
const CLOSING_EVENTS: Readonly<Record<string, BindingKind>> = {
  TicketResolved: "ticket",
  CaseClosed: "risk_case",
  AlertResolved: "alert",
};

export function boundKindOf(aggregateType: string): BindingKind | null {
  return aggregateType in ID_FIELD ? (aggregateType as BindingKind) : null;
}

/** The payload as wait conditions see it: the producer's fields and the bound object's id. */
export function matchPayload(
  aggregateType: string,
  aggregateId: string,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  const field = ID_FIELD[aggregateType];
  return field ? { [field]: aggregateId, ...payload } : { ...payload };
}

/** A ticket also closes when a status change sets it closed (resolving first records TicketResolved). */
export function closesBound(type: string, aggregateType: string, payload: Record<string, unknown>): boolean {
  if (CLOSING_EVENTS[type] === aggregateType) return true;
  return type === "TicketStatusUpdated" && aggregateType === "ticket" && payload.to === "closed";
}

/**
 * When the bound object closes, a template that must see that closing held for a while (a response plan waiting
 * for the city to stay recovered) keeps running: the close starts the hold instead of ending the instance.
 */
export function closeStartsHold(template: WorkflowTemplate, eventType: string): boolean {
  return template.steps.some(
    (step) =>
      step.kind === "wait_for_event" && step.event.type === eventType && step.event.holdMinutes !== undefined,
  );
}

export function closeReason(type: string, aggregateType: string): string {
  const what = aggregateType.replace("_", " ");
  return type === "TicketStatusUpdated"
    ? `bound ${what} closed`
    : `bound ${what} ${type.replace(/^(Ticket|Case|Alert)/, "").toLowerCase()}`;
}

export interface StoredEventQuery {
  type: string;
  aggregateType: string;
  /** The bound-kind id field of the condition ("alertId": "$bound") names the event's aggregate. */
  aggregateId: string | null;
  /** Every other field of the condition, resolved against the instance, to match in the stored payload. */
  payload: Record<string, string | number | boolean>;
}

/**
 * A wait condition as a query on the event log (for a wait step that became active after its event happened):
 * null when a field refers to something the instance does not have.
 */
export function storedEventQuery(
  condition: { type: string; match: Record<string, string | number | boolean> },
  boundType: string,
  instance: Pick<InstanceRun, "boundId" | "context">,
): StoredEventQuery | null {
  const idField = ID_FIELD[boundType];
  const query: StoredEventQuery = {
    type: condition.type,
    aggregateType: boundType,
    aggregateId: null,
    payload: {},
  };
  for (const [field, expected] of Object.entries(condition.match)) {
    const value = resolveMatchValue(expected, instance);
    if (value === undefined) return null;
    if (field === idField) query.aggregateId = String(value);
    else query.payload[field] = value;
  }
  return query;
}
