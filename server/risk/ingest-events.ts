import type { InputJsonObject } from "../db/json.ts";
import type { Tx } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import type { EventType } from "../events/types.ts";
import type { ServiceContext } from "../lib/service-context.ts";

// The RiskDetected / RiskAssessed events of one ingest batch (one per touched case), recorded together: a batch
// opening 500 cases would otherwise spend most of its time in per-event round trips.

export interface CaseEvent {
  type: Extract<EventType, "RiskDetected" | "RiskAssessed">;
  caseId: string;
  payload: InputJsonObject;
}

export async function recordCaseEvents(
  tx: Tx,
  context: ServiceContext,
  events: readonly CaseEvent[],
): Promise<void> {
  await recordEvents(
    tx,
    context,
    events.map((event) => ({
      type: event.type,
      aggregateType: "risk_case",
      aggregateId: event.caseId,
      payload: event.payload,
    })),
  );
}
