import { z } from "zod";
import type { Db } from "../db/client.ts";
import { withTransaction } from "../db/transaction.ts";
import type { DeliveredEvent, EventHandler } from "../events/delivered-event.ts";
import { withSetWisePart } from "../events/batch-handler.ts";
import { alertTriggeredPayload, notificationAcknowledgedPayload } from "../events/payloads.ts";
import type { ServiceContext } from "../lib/service-context.ts";
import { FIRST_RESPONSE_WARNING_MINUTES } from "./default-policies.ts";
import { endInTx } from "./escalation-engine.ts";
import { acknowledge, ended, resolve } from "./trigger-endings.ts";
import { escalateFor } from "./trigger-start.ts";
import { findWatch, insertWatch, insertWatches } from "./watch-repository.ts";
import type { Severity } from "./working-hours.ts";

// The console's clocks as backbone consumers. Each handler is idempotent: escalations are keyed by trigger and
// object (a redelivery finds the one it started), acknowledging or resolving an ended escalation changes nothing.
// Payloads of other domains are read with narrow schemas here: only the fields on-call needs.

const MINUTE_MS = 60_000;

const ticketCreated = z.object({
  number: z.number().int(),
  priority: z.string(),
  teamId: z.uuid().nullable().optional(),
  /** When the producer sends it; without it no first-response warning is scheduled (the breach still pages). */
  firstResponseDueAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
const ticketAssigned = z.object({ to: z.string().nullable(), decidedBy: z.string() });
const slaBreached = z.object({ kind: z.string() });
const riskLevelled = z.object({ number: z.number().int().nullable().optional(), level: z.string() });
const riskAcknowledged = z.object({ ownerId: z.string().nullable().optional() });
const alertAcknowledged = z.object({ by: z.string().optional() });

const TICKET_SEVERITY: Readonly<Record<string, Severity>> = { P1: "critical", P2: "high" };

/** A new ticket's watch, or why it is not paged. */
function watchOfCreatedTicket(event: DeliveredEvent) {
  const ticket = ticketCreated.parse(event.payload);
  const severity = TICKET_SEVERITY[ticket.priority];
  if (!severity) return `${ticket.priority} is not paged`;
  const due = ticket.firstResponseDueAt ? new Date(ticket.firstResponseDueAt) : null;
  return {
    objectType: "ticket",
    objectId: event.aggregateId,
    severity,
    title: `${ticket.priority} ticket #${ticket.number}`,
    path: `/tickets/${event.aggregateId}`,
    teamId: ticket.teamId ?? null,
    checkKind: due ? "first_response" : null,
    checkAt: due ? new Date(due.getTime() - FIRST_RESPONSE_WARNING_MINUTES * MINUTE_MS) : null,
  };
}

/** Tickets: P1/P2 are watched from creation; a breach pages; a person taking it on acknowledges; resolving ends. */
const escalateTickets: EventHandler = async (db, context, event) => {
  switch (event.type) {
    case "TicketCreated": {
      const watch = watchOfCreatedTicket(event);
      if (typeof watch === "string") return watch;
      const taken = await withTransaction(db, (tx) => insertWatch(tx, watch));
      return taken ? "watching" : "watched already";
    }
    case "SlaBreached": {
      const { kind } = slaBreached.parse(event.payload);
      return withTransaction(db, async (tx) => {
        const watch = await findWatch(tx, "ticket", event.aggregateId);
        if (watch === null) return "not a watched P1/P2 ticket";
        if (watch.closedAt !== null) return "ticket resolved";
        return escalateFor(tx, context, {
          triggers: ["ticket.sla_breach"],
          triggerKey: `ticket.sla_breach:${event.aggregateId}:${kind}`,
          objectType: "ticket",
          objectId: event.aggregateId,
          severity: watch.severity as Severity,
          title: `${watch.title}: ${kind.replace("_", " ")} SLA breached`,
          path: watch.path,
          teamId: watch.teamId,
        });
      });
    }
    case "TicketAssigned": {
      const assigned = ticketAssigned.parse(event.payload);
      // Routing's own choice is no acknowledgement: a person must take the ticket on.
      if (assigned.decidedBy === "auto" || assigned.to === null) return "not a person's acknowledgement";
      return acknowledge(db, context, event, assigned.to);
    }
    case "TicketStatusUpdated":
      // The SLA sweep or an automation moving the status has not seen the page: only a person acknowledges.
      if (event.actorType !== "user") return "not a person's acknowledgement";
      return acknowledge(db, context, event, null);
    case "TicketResolved":
      return resolve(db, context, event);
    default:
      return `ignored ${event.type}`;
  }
};

/** oncall.tickets: new tickets, most of its events, are watched a batch at a time; the others go one by one. */
export const escalateTicketEvents = withSetWisePart(escalateTickets, {
  takes: (event) => event.type === "TicketCreated",
  batch: async (db, _contextOf, events) => {
    const watches = events.map(watchOfCreatedTicket);
    const rows = watches.flatMap((watch) => (typeof watch === "string" ? [] : [watch]));
    const taken = await withTransaction(db, (tx) => insertWatches(tx, rows));
    return watches.map((watch) =>
      typeof watch === "string" ? watch : taken.has(watch.objectId) ? "watching" : "watched already",
    );
  },
});

function pageRiskCase(
  db: Db,
  context: ServiceContext,
  event: DeliveredEvent,
  level: "critical" | "high",
  number?: number | null,
) {
  return withTransaction(db, (tx) =>
    escalateFor(tx, context, {
      triggers: [`risk.${level}`],
      triggerKey: `risk:${event.id}`,
      objectType: "risk_case",
      objectId: event.aggregateId,
      severity: level,
      title: `${level === "critical" ? "Critical" : "High"} risk case #${number ?? "?"} unacknowledged`,
      path: `/risk/${event.aggregateId}`,
      teamId: null,
    }),
  );
}

/**
 * Risk cases: a case detected critical pages at once; the risk job's escalation of an unacknowledged case pages by
 * level (a case already escalating keeps its one escalation); acknowledging or closing ends it.
 */
export const escalateRiskCases: EventHandler = async (db, context, event) => {
  switch (event.type) {
    case "RiskDetected": {
      const riskCase = riskLevelled.parse(event.payload);
      if (riskCase.level !== "critical")
        return `detected ${riskCase.level}: paged only when the risk job escalates`;
      return pageRiskCase(db, context, event, "critical", riskCase.number);
    }
    case "RiskEscalated": {
      const riskCase = riskLevelled.parse(event.payload);
      if (riskCase.level !== "critical" && riskCase.level !== "high") return `${riskCase.level} is not paged`;
      return pageRiskCase(db, context, event, riskCase.level, riskCase.number);
    }
    case "RiskAcknowledged":
      return acknowledge(db, context, event, riskAcknowledged.parse(event.payload).ownerId ?? null);
    case "CaseClosed":
      return resolve(db, context, event);
    default:
      return `ignored ${event.type}`;
  }
};

/** City alerts: a firing alert pages by its rule's or its severity's policy; acknowledged or resolved ends it. */
export const escalateAlerts: EventHandler = async (db, context, event) => {
  switch (event.type) {
    case "AlertTriggered": {
      const alert = alertTriggeredPayload.parse(event.payload);
      return withTransaction(db, (tx) =>
        escalateFor(tx, context, {
          triggers: [`alert.rule:${alert.ruleId}`, `alert.${alert.severity}`],
          triggerKey: `alert:${alert.alertId}`,
          objectType: "alert",
          objectId: alert.alertId,
          severity: alert.severity,
          title: `${alert.ruleName} — ${alert.cityName.en}${alert.valueText ? ` (${alert.valueText})` : ""}`,
          path: `/cities/${alert.city}`,
          teamId: null,
        }),
      );
    }
    case "AlertAcknowledged":
      return acknowledge(db, context, event, alertAcknowledged.parse(event.payload).by ?? null);
    case "AlertResolved":
      return resolve(db, context, event);
    default:
      return `ignored ${event.type}`;
  }
};

/** A page acknowledged at the notification side (console, PagerDuty, Slack, e-mail) acknowledges its escalation. */
export const acknowledgeFromNotifications: EventHandler = async (db, context, event) => {
  const ack = notificationAcknowledgedPayload.parse(event.payload);
  const which = ack.escalationId
    ? { escalationId: ack.escalationId }
    : { objectType: ack.objectType, objectId: ack.objectId };
  const rows = await withTransaction(db, (tx) =>
    endInTx(tx, context, which, {
      status: "acknowledged",
      at: new Date(ack.at),
      userId: ack.userId,
      via: ack.via,
    }),
  );
  return ended(rows.length, "acknowledge");
};
