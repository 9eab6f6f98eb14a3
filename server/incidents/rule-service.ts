import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordEvents } from "../events/record.ts";
import { requirePermission, type ServiceContext } from "../lib/service-context.ts";
import { previewInput, saveRuleInput, type PreviewResult, type RuleView } from "./contract.ts";
import { keyOf } from "./correlation-rule.ts";
import { simulate } from "./correlation.ts";
import { memberFactOf } from "./member-facts.ts";
import { parseInput } from "../lib/parse-input.ts";
import type { DeliveredEvent } from "../events/delivered-event.ts";
import type { EventType } from "../events/types.ts";
import { listRules, memberEventsSince, saveRuleVersion } from "./rule-repository.ts";

// Correlation rules: saved as a new version each time (members keep the version they joined under), and previewed
// against the event log with the consumer's own maths before saving.

/** The preview reads at most this many member events (newest windows beyond it are left out, and said so). */
const PREVIEW_EVENT_LIMIT = 200_000;
const EXAMPLES = 5;

export async function correlationRules(db: Db, context: ServiceContext): Promise<RuleView[]> {
  requirePermission(context, "incidents:read");
  return listRules(db);
}

export async function saveCorrelationRule(db: Db, context: ServiceContext, raw: unknown) {
  requirePermission(context, "incidents:manage");
  const input = parseInput(saveRuleInput, raw);
  const now = context.clock.now();
  return withTransaction(db, async (tx) => {
    const createdById = context.actor.type === "user" ? context.actor.id : null;
    const saved = await saveRuleVersion(tx, { ...input, createdById, at: now });
    await recordEvents(tx, context, [
      {
        type: "CorrelationRuleSaved",
        aggregateType: "correlation_rule",
        aggregateId: saved.id,
        payload: { ruleId: saved.id, name: input.name, version: saved.version, enabled: input.enabled },
        auditDetails: { name: input.name, version: saved.version, definition: input.definition },
      },
    ]);
    return saved;
  });
}

/** "This rule would have opened N incidents in the last 7/30 days", with the first few as examples. */
export async function previewCorrelationRule(
  db: Db,
  context: ServiceContext,
  raw: unknown,
): Promise<PreviewResult> {
  requirePermission(context, "incidents:read");
  const { definition, days } = parseInput(previewInput, raw);
  const since = new Date(context.clock.now().getTime() - days * 24 * 60 * 60_000);
  const rows = await memberEventsSince(db, since, PREVIEW_EVENT_LIMIT);
  const events = rows.flatMap((row) => {
    const fact = factOrNull({ ...row, type: row.type as EventType });
    const key = fact ? keyOf(definition, fact) : null;
    if (!fact || !key) return [];
    return [
      {
        key,
        candidate: { eventId: fact.eventId, memberId: fact.memberId, at: fact.at, reporter: fact.reporter },
      },
    ];
  });
  const incidents = simulate(definition, events);
  return {
    days,
    eventsScanned: rows.length,
    incidents: incidents.length,
    examples: incidents.slice(-EXAMPLES).map((incident) => ({
      key: incident.key,
      windowStart: incident.windowStart,
      members: incident.members.length,
      memberIds: incident.members.slice(0, 10).map((m) => m.memberId),
    })),
  };
}

/** An old event whose payload predates today's schema cannot count in a preview; the consumer would have failed it. */
function factOrNull(event: DeliveredEvent) {
  try {
    return memberFactOf(event);
  } catch {
    return null;
  }
}
