import { describe, expect, it } from "vitest";
import { DEFAULT_RULE_SET } from "../../risk/rule-set.ts";
import { scoreCase } from "../../risk/score.ts";
import { normalise } from "../mapping/normalise.ts";
import type { Effect } from "./effects.ts";
import { NO_FACTS, REPEAT_THRESHOLD } from "./facts.ts";
import { route } from "./table.ts";

// The hub's signals speak the risk rules' vocabulary: an attribute the published rules do not name scores
// nothing, so a repeat canceller or a courier failing delivery after delivery must reach the rules they are for.

const at = "2026-03-02T03:07:30Z";

function signalOf(type: string, source: string, data: Record<string, unknown>, facts: object) {
  const event = normalise({ source, eventId: "e1", type, dataVersion: 1, data }, 1);
  const effects: Effect[] = route(event, { ...NO_FACTS, ...facts }).effects;
  const effect = effects.find((e) => e.kind === "risk_signal");
  if (effect?.kind !== "risk_signal") throw new Error(`${type} raised no signal`);
  return { ...effect.signal, sourceEventId: "e1" };
}

const firedBy = (signal: ReturnType<typeof signalOf>) =>
  scoreCase(DEFAULT_RULE_SET, [signal]).contributions.map((c) => c.ruleId);

describe("the hub's risk signals against the default rule set", () => {
  it("scores a repeat canceller's refund_abuse signal by its count and amount", () => {
    const signal = signalOf(
      "OrderCancellationRequested",
      "consumer_experience",
      {
        orderId: "o1",
        consumerId: "c1",
        restaurantId: "r1",
        cityCode: "TYO",
        reason: "changed_mind",
        amountYen: 12_000,
        requestedAt: at,
      },
      { consumerCancellations24h: REPEAT_THRESHOLD },
    );
    expect(firedBy(signal)).toEqual(expect.arrayContaining(["ra_refund_count", "ra_refund_amount"]));
  });

  it("scores a courier's delivery_fraud signal by its failed deliveries", () => {
    const signal = signalOf(
      "DeliveryFailed",
      "courier_mobility",
      { orderId: "o1", courierId: "k1", cityCode: "OSA", reason: "consumer_unreachable", failedAt: at },
      { courierFailures24h: REPEAT_THRESHOLD },
    );
    expect(firedBy(signal)).toContain("df_failed");
  });
});
