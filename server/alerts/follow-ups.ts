import type { Prisma } from "../db/generated/client.ts";
import type { CityRecord } from "../cities/repository.ts";
import { formatMetricValue, METRIC_INFO } from "../cities/metrics.ts";
import { recordEvent } from "../events/record.ts";
import type { EventContext } from "../events/types.ts";
import { logger } from "../lib/logger.ts";
import type { ConditionResult } from "./condition.ts";
import type { StoredAlert } from "./repository.ts";
import type { AlertRule, Severity } from "./rules.ts";

// What a firing alert opens besides itself, in the same transaction: a support ticket for the courier team.

type Tx = Prisma.TransactionClient;

export interface FiredAlert {
  alert: StoredAlert;
  rule: AlertRule;
  city: CityRecord;
  condition: ConditionResult;
}

const PRIORITY: Record<Severity, "P1" | "P2" | "P3"> = { critical: "P1", warning: "P2", info: "P3" };
// Courier supply and delivery times are the courier partner team's to act on.
const TICKET_TEAM_KEY = "courier";

/** One ticket per alert: the alert id is the ticket's external id, so a replayed transition cannot open two. */
export const ticketExternalId = (alertId: string) => `alert:${alertId}`;

export function ticketFor({ alert, rule, city, condition }: FiredAlert) {
  const value =
    alert.value === null || rule.kind !== "threshold" ? "" : ` (${formatMetricValue(rule.metric, alert.value, "en")})`;
  return {
    externalId: ticketExternalId(alert.id),
    subject: `[${alert.severity}] ${city.name}: ${rule.name}${value}`.slice(0, 200),
    description: [
      condition.explanation.ja,
      condition.explanation.en,
      "",
      `${METRIC_INFO[rule.metric].label.en} alert ${alert.id} (rule ${rule.id}) fired in ${city.name} (${city.code}).`,
    ].join("\n"),
    priority: PRIORITY[alert.severity],
    category: "delivery_delay" as const,
    source: "internal" as const,
    language: "ja",
    cityId: city.id,
    requesterName: "Ops Console alerts",
  };
}

async function openTicket(tx: Tx, context: EventContext, fired: FiredAlert): Promise<void> {
  const team = await tx.team.findUnique({ where: { key: TICKET_TEAM_KEY }, select: { id: true } });
  if (!team) {
    logger.warn({ alertId: fired.alert.id }, `no "${TICKET_TEAM_KEY}" team: the alert opened no ticket`);
    return;
  }
  const data = ticketFor(fired);
  const existing = await tx.ticket.findUnique({ where: { externalId: data.externalId }, select: { id: true } });
  if (existing) return;
  const ticket = await tx.ticket.create({ data: { ...data, teamId: team.id }, select: { id: true, number: true } });
  await recordEvent(tx, context, {
    type: "TicketCreated",
    aggregateType: "ticket",
    aggregateId: ticket.id,
    payload: {
      number: ticket.number,
      subject: data.subject,
      priority: data.priority,
      category: data.category,
      source: data.source,
      teamId: team.id,
      cityId: data.cityId,
      alertId: fired.alert.id,
    },
  });
}

export async function openFollowUps(tx: Tx, context: EventContext, fired: FiredAlert): Promise<void> {
  if (fired.rule.opensTicket) await openTicket(tx, context, fired);
}
