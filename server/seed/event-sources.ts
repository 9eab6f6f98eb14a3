import { createHash } from "node:crypto";
import type { ClientBase } from "pg";
import type { SourceKey } from "../hub/catalogue.ts";
import type { Rng } from "./random.ts";
import { insertRows } from "./sql.ts";

// The four platform units whose events the console subscribes to, each with a signing secret for the Standard
// Webhooks scheme. The secrets are derived from the source key, so `npm start` and the README can print them:
// demo data only — a real deployment rotates them from the Event hub screen before any unit signs with them.

export interface DemoEventSource {
  key: SourceKey;
  name: string;
  /** "Indicator updates stopped": the source is flagged silent after this long without an event. */
  silenceAfterSeconds: number;
  secret: string;
}

function demoSource(key: SourceKey, name: string, silenceAfterSeconds: number): DemoEventSource {
  const digest = createHash("sha256").update(`ops-console demo signing secret ${key}`).digest("base64");
  return { key, name, silenceAfterSeconds, secret: `whsec_${digest}` };
}

export const DEMO_EVENT_SOURCES: readonly DemoEventSource[] = [
  demoSource("consumer_experience", "Consumer experience", 15 * 60),
  demoSource("restaurant_operations", "Restaurant operations", 30 * 60),
  demoSource("courier_mobility", "Courier mobility", 15 * 60),
  // Contract changes are rare: a week without one is normal.
  demoSource("integration_contract", "Integration contract", 7 * 86_400),
];

export async function seedEventSources(db: ClientBase, rng: Rng, now: Date): Promise<void> {
  const at = now.toISOString();
  await insertRows(
    db,
    "EventSource",
    DEMO_EVENT_SOURCES.map((source) => ({
      key: source.key,
      name: source.name,
      status: "active",
      silenceAfterSeconds: source.silenceAfterSeconds,
      mappingVersion: 1,
      createdAt: at,
      updatedAt: at,
    })),
  );
  await insertRows(
    db,
    "EventSourceSecret",
    DEMO_EVENT_SOURCES.map((source) => ({
      id: rng.uuid7(now),
      sourceKey: source.key,
      secret: source.secret,
      createdAt: at,
      expiresAt: null,
    })),
  );
}
