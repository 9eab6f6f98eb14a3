import type { EventHandler } from "../events/delivered-event.ts";
import type { ConsumerName } from "../events/subscriptions.ts";
import { sendRiskSignalForAlert } from "../risk/alert-signal-consumer.ts";
import { openTicketForAlert } from "../tickets/alert-ticket-consumer.ts";

// Each consumer named in events/subscriptions.ts and the domain function that handles its events. The backbone
// sits above the domains: it imports their handlers, they never import it.
const CONSUMER_HANDLERS: Record<ConsumerName, EventHandler> = {
  "tickets.alert-tickets": openTicketForAlert,
  "risk.alert-signals": sendRiskSignalForAlert,
};

export const consumerHandlers = (): ReadonlyMap<string, EventHandler> =>
  new Map(Object.entries(CONSUMER_HANDLERS));
