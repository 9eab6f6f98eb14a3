import { randomUUID } from "node:crypto";
import type { SignalInput } from "../../server/risk/contract.ts";
import type { EventContext } from "../../server/events/types.ts";

// Builders for the risk integration tests: every call gets fresh ids, so tests sharing one database never meet.

export const systemContext = (): EventContext => ({
  actor: { type: "system", id: null },
  correlationId: `test-${randomUUID()}`,
});

export const userContext = (userId: string): EventContext => ({
  actor: { type: "user", id: userId },
  correlationId: `test-${randomUUID()}`,
});

export const newSubjectId = () => `cus_${randomUUID().slice(0, 12)}`;

/** A refund-abuse signal worth 40 points alone (3+ refunds: 25, ≥ ¥10,000: 15) under the default rules. */
export function refundSignal(subjectId: string, overrides: Partial<SignalInput> = {}): SignalInput {
  return {
    sourceEventId: `evt-${randomUUID()}`,
    type: "refund_abuse",
    subjectType: "consumer",
    subjectId,
    attributes: { refundCount24h: 4, amountJpy: 12_000 },
    observedAt: new Date(),
    ...overrides,
  };
}
