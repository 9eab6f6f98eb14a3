import { signingSecret, type SigningSecret } from "./signature.ts";
import type { SourceSnapshot } from "./source-directory.ts";

// Shared by the edge's unit tests: sources without a database, and valid events of the catalogue.

function snapshotOf(sources: { key: string; paused?: boolean; secrets?: SigningSecret[] }[]): SourceSnapshot {
  const map = new Map(
    sources.map((s) => [s.key, { key: s.key, paused: s.paused ?? false, secrets: s.secrets ?? [] }]),
  );
  return {
    get: (key) => map.get(key),
    signingCandidates: (hint) => [
      ...(hint ? (map.get(hint)?.secrets ?? []) : []),
      ...[...map.values()].filter((s) => s.key !== hint).flatMap((s) => s.secrets),
    ],
  };
}

export const ALL_SOURCES = snapshotOf([
  { key: "consumer_experience" },
  { key: "restaurant_operations", paused: true },
  { key: "courier_mobility" },
  { key: "integration_contract" },
]);

export function secret(id: string, source: string, key: string, expiresAtMs: number | null = null) {
  const made = signingSecret(id, source, `whsec_${Buffer.from(key).toString("base64")}`, expiresAtMs);
  if (!made) throw new Error("bad test secret");
  return made;
}

export function cancellation(id: string, data: Record<string, unknown> = {}) {
  return {
    specversion: "1.0",
    id,
    source: "consumer_experience",
    type: "OrderCancellationRequested",
    time: "2026-12-06T10:00:00Z",
    data: {
      orderId: "ord_1",
      consumerId: "cus_1",
      restaurantId: "res_1",
      cityCode: "TYO",
      reason: "late_delivery",
      requestedAt: "2026-12-06T10:00:00Z",
      ...data,
    },
  };
}
