import type { PolicySnapshot } from "./contract.ts";

// What a trigger does when an admin has routed no policy to it: the seed's operations plan (a ticket's SLA
// breach goes to the team lead; a critical risk case to the risk managers; a critical city alert to the city
// managers). Warning and info alerts page nobody until a policy is routed to them.

type BuiltIn = Omit<PolicySnapshot, "policyId" | "assignees">;

const builtIn = (name: string, levels: BuiltIn["levels"]): BuiltIn => ({
  name,
  version: 0,
  levels,
  repeat: 0,
});

export const DEFAULT_POLICIES: Readonly<Record<string, BuiltIn>> = {
  "ticket.first_response": builtIn("Team on-call (built in)", [
    { targets: [{ kind: "team_oncall" }], timeoutMinutes: 10, workingHoursOnly: false },
    { targets: [{ kind: "team_lead" }], timeoutMinutes: 15, workingHoursOnly: false },
  ]),
  "ticket.sla_breach": builtIn("Team lead (built in)", [
    { targets: [{ kind: "team_lead" }], timeoutMinutes: 15, workingHoursOnly: false },
  ]),
  "risk.critical": builtIn("Risk managers (built in)", [
    { targets: [{ kind: "role", role: "risk_manager" }], timeoutMinutes: 15, workingHoursOnly: false },
    { targets: [{ kind: "role", role: "admin" }], timeoutMinutes: 30, workingHoursOnly: false },
  ]),
  "risk.high": builtIn("Risk managers, working hours (built in)", [
    { targets: [{ kind: "role", role: "risk_manager" }], timeoutMinutes: 60, workingHoursOnly: true },
  ]),
  "alert.critical": builtIn("City managers (built in)", [
    { targets: [{ kind: "role", role: "city_manager" }], timeoutMinutes: 15, workingHoursOnly: false },
  ]),
  // An approval waits on its approvers; a stalled step's reminder goes to them, its breach to the manager or role
  // the template names (the workflow event's people). Neither escalates further unless a policy says so.
  "workflow.approval_requested": builtIn("Approvers (built in)", [
    { targets: [{ kind: "assignees" }], timeoutMinutes: 240, workingHoursOnly: false },
  ]),
  "workflow.stalled": builtIn("Step holders, then their managers (built in)", [
    { targets: [{ kind: "assignees" }], timeoutMinutes: 60, workingHoursOnly: false },
  ]),
  // The incident plan: a P1 pages the commander and the city managers at once, then the admins; a P2 the same with
  // its longer response target. P3/P4 page nobody until a policy is routed to them.
  "incident.p1": builtIn("Incident commander and city managers (built in)", [
    {
      targets: [{ kind: "assignees" }, { kind: "role", role: "city_manager" }],
      timeoutMinutes: 10,
      workingHoursOnly: false,
    },
    { targets: [{ kind: "role", role: "admin" }], timeoutMinutes: 15, workingHoursOnly: false },
  ]),
  "incident.p2": builtIn("Incident commander and city managers (built in)", [
    {
      targets: [{ kind: "assignees" }, { kind: "role", role: "city_manager" }],
      timeoutMinutes: 30,
      workingHoursOnly: false,
    },
    { targets: [{ kind: "role", role: "admin" }], timeoutMinutes: 30, workingHoursOnly: false },
  ]),
  // A missed acknowledgement or mitigation target goes straight to the plan's next level, the admins, with the
  // commander kept in the loop, whatever the priority.
  "incident.target_missed": builtIn("Admins on a missed incident target (built in)", [
    {
      targets: [{ kind: "role", role: "admin" }, { kind: "assignees" }],
      timeoutMinutes: 15,
      workingHoursOnly: false,
    },
  ]),
  // A source whose events stopped ("indicator updates stopped"): the admins, who run the hub, at any hour.
  "hub.source_silent": builtIn("Admins on a silent event source (built in)", [
    { targets: [{ kind: "role", role: "admin" }], timeoutMinutes: 30, workingHoursOnly: false },
  ]),
};

/** Minutes before a P1/P2 ticket's first-response deadline at which its unacknowledged state pages someone. */
export const FIRST_RESPONSE_WARNING_MINUTES = 15;
