import type { Db } from "../../db/client.ts";
import { decide } from "../processing/decide.ts";
import { classifyFailure } from "../processing/failure.ts";
import type { Effect } from "../routes/effects.ts";
import type { DryRunRow } from "./contract.ts";
import type { InboxRow } from "./queries.ts";

// A dry run of one replay: what processing would decide for the stored event now (its source's current mapping,
// the routing table, the facts as they are), computed with processing's own decide() and nothing written.

function summarise(effect: Effect): string {
  switch (effect.kind) {
    case "ticket":
      return `${effect.ticket.priority} ${effect.ticket.category} ticket${effect.ticket.city ? ` in ${effect.ticket.city}` : ""}: ${effect.ticket.subject}`;
    case "risk_signal":
      return `${effect.signal.type} risk signal on ${effect.signal.subjectType} ${effect.signal.subjectId}`;
    case "indicator":
      return `${effect.metric} of ${effect.cityCode} recounted for the bucket at ${effect.bucketStart.toISOString()}`;
    case "ticket_comment":
      return `a comment on ${effect.ticketIds.length} linked ticket(s)`;
    case "contract_change":
      return `ContractChangeReceived for ${effect.payload.contract} ${effect.payload.version}`;
  }
}

export async function planReplay(db: Db, row: InboxRow): Promise<DryRunRow> {
  const base = { receiptId: row.receiptId, type: row.type, source: row.source };
  try {
    const { event, decision } = await decide(db, row, row.mappingVersion);
    return {
      ...base,
      outcome: decision.effects.length === 0 ? "no_route" : "route",
      rule: decision.rule,
      why: decision.why,
      effects: decision.effects.map((effect) => ({
        kind: effect.kind,
        summary: summarise(effect),
        detail: effect,
      })),
      normalised: event,
      failureClass: null,
      problem: null,
    };
  } catch (error) {
    const { failureClass } = classifyFailure(error);
    const problem = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      outcome: "invalid",
      rule: null,
      why: problem,
      effects: [],
      normalised: null,
      failureClass,
      problem,
    };
  }
}
