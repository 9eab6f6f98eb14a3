import { z } from "zod";
import type { InputJsonArray, JsonValue } from "../db/json.ts";
import { contribution } from "./contract.ts";
import type { Contribution } from "./score.ts";
import type { SignalAttributeValue } from "./types.ts";

// Conversions between the JSON columns of the risk tables and the domain's types.

const contributions = z.array(contribution);

export function attributesFrom(json: JsonValue): Record<string, SignalAttributeValue> {
  const attributes: Record<string, SignalAttributeValue> = {};
  if (typeof json !== "object" || json === null || Array.isArray(json)) return attributes;
  for (const [key, value] of Object.entries(json)) {
    if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
      attributes[key] = value;
  }
  return attributes;
}

/** Stored contributions as the scorer wrote them, or null for a row written by something else. */
export function parseContributions(json: JsonValue): Contribution[] | null {
  const parsed = contributions.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Stored contributions; a row written by something else than the scorer shows none rather than failing the page. */
export function contributionsFrom(json: JsonValue): Contribution[] {
  return parseContributions(json) ?? [];
}

export function contributionsJson(list: readonly Contribution[]): InputJsonArray {
  return list.map((c) => ({
    ruleId: c.ruleId,
    label: c.label,
    ...(c.labelJa === undefined ? {} : { labelJa: c.labelJa }),
    points: c.points,
    matchedSignals: c.matchedSignals,
    capped: c.capped,
  }));
}
