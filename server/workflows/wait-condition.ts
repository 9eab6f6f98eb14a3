import type { InstanceRun } from "./runtime-types.ts";

// A wait step's event condition: the event type, and payload fields equal to fixed values or to the instance's
// own ("$bound": the bound object's id; "$context.<field>": a field of the context given at start).

export function eventMatches(
  condition: { type: string; match: Record<string, string | number | boolean> },
  eventType: string,
  payload: Record<string, unknown>,
  instance: Pick<InstanceRun, "boundId" | "context">,
): boolean {
  if (condition.type !== eventType) return false;
  return Object.entries(condition.match).every(([field, expected]) => {
    const wanted = resolveMatchValue(expected, instance);
    return wanted !== undefined && String(payload[field]) === String(wanted);
  });
}

export function resolveMatchValue(
  value: string | number | boolean,
  instance: Pick<InstanceRun, "boundId" | "context">,
): string | number | boolean | undefined {
  if (value === "$bound") return instance.boundId ?? undefined;
  if (typeof value === "string" && value.startsWith("$context.")) return instance.context[value.slice(9)];
  return value;
}
