// One domain event as the report folds read it: the log's order, type, time and payload. The folds are pure
// functions of an aggregate's events in seq order, so every figure can be recomputed from the event log.
export interface HistoryEvent {
  seq: bigint;
  type: string;
  occurredAt: Date;
  payload: unknown;
}

export function record(payload: unknown): Record<string, unknown> {
  return typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : {};
}

export function text(payload: unknown, key: string): string | null {
  const value = record(payload)[key];
  return typeof value === "string" ? value : null;
}

export function integer(payload: unknown, key: string): number | null {
  const value = record(payload)[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
