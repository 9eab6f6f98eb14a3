import type { Prisma } from "../db/generated/client.ts";
import { recordEvents } from "../events/record.ts";
import type { EventContext, EventType } from "../events/types.ts";

// The RiskDetected / RiskAssessed events of one ingest batch (one per touched case), recorded together: a batch
// opening 500 cases would otherwise spend most of its time in per-event round trips.

export interface CaseEvent {
  type: Extract<EventType, "RiskDetected" | "RiskAssessed">;
  caseId: string;
  payload: Prisma.InputJsonObject;
}

export async function recordCaseEvents(
  tx: Prisma.TransactionClient,
  context: EventContext,
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
