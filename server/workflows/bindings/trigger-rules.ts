import type { BindingKind } from "../template.ts";

// Auto-start triggers as data: which event of which bound object starts which template. A rule names its template
// by key (or, for alerts, lets the alert's rule name its response plan). The ledger (WorkflowTriggerStart) keeps
// one instance per (rule, template, bound object), so a redelivered event — or a case escalated after it was
// detected critical — starts nothing twice.

export interface TriggerEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

export interface TriggerRule {
  key: string;
  /** Event types the rule listens to. */
  on: readonly string[];
  bound: BindingKind;
  /** The template to start; "alert_rule_plan" takes the response plan the alert's rule names. */
  template: string | { from: "alert_rule_plan" };
  /** Context the instance starts with (its wait steps match "$context.<field>"). */
  context?: (payload: Record<string, unknown>) => Record<string, string | number | boolean>;
  /**
   * Context fields naming one situation (an alert rule in a city): while an instance of the template started for
   * it is open, a new object of the same situation joins that instance (the city relapsed) instead of a second one
   * starting.
   */
  relapseOn?: readonly string[];
  when: (payload: Record<string, unknown>) => boolean;
}

const TRIGGER_RULES: readonly TriggerRule[] = [
  {
    // RiskDetected names the case's type; RiskEscalated carries it since workflows read it (a critical case
    // left unacknowledged), so a case detected at a lower level still starts the takeover template once critical.
    key: "risk.account_takeover.critical",
    on: ["RiskDetected", "RiskEscalated"],
    bound: "risk_case",
    template: "account_takeover_mitigation",
    when: (p) => p.type === "account_takeover" && p.level === "critical",
  },
  {
    key: "ticket.courier_safety",
    on: ["TicketCreated"],
    bound: "ticket",
    template: "courier_safety_incident",
    when: (p) => p.category === "courier_safety",
  },
  {
    key: "alert.response_plan",
    on: ["AlertTriggered"],
    bound: "alert",
    template: { from: "alert_rule_plan" },
    context: (p) => ({
      ruleId: String(p.ruleId),
      cityId: String(p.cityId),
      ...(typeof p.city === "string" ? { city: p.city } : {}),
    }),
    relapseOn: ["ruleId", "cityId"],
    when: (p) => typeof p.ruleId === "string",
  },
  {
    // Every resolved incident gets its postmortem; its completion moves the incident to PostMortem (the incidents
    // domain follows WorkflowCompleted). A reopened incident resolved again keeps its first postmortem (ledger).
    key: "incident.postmortem",
    on: ["IncidentResolved"],
    bound: "incident",
    template: "incident_postmortem",
    context: (p) => ({
      ...(typeof p.number === "number" ? { incidentNumber: p.number } : {}),
      ...(typeof p.priority === "string" ? { priority: p.priority } : {}),
    }),
    when: () => true,
  },
];

/** The rules an event fires (the bound object is the event's aggregate). */
export function firedRules(
  event: TriggerEvent,
  rules: readonly TriggerRule[] = TRIGGER_RULES,
): TriggerRule[] {
  return rules.filter(
    (rule) => rule.on.includes(event.type) && rule.bound === event.aggregateType && rule.when(event.payload),
  );
}
