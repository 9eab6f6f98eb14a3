import { addBusinessMinutes, type BusinessCalendar } from "../../lib/business-calendar.ts";
import type { TemplateStep } from "../template.ts";

// A step's SLA instants: the reminder at its share of the SLA and the escalation at 100 %, counted in the owning
// team's business minutes (the tickets' calendar maths), or in plain minutes when no team owns the step.

const MINUTE_MS = 60_000;

export interface StepSla {
  minutes: number;
  reminderPercent: number;
  escalateTo: { type: "manager" } | { type: "role"; role: string };
}

export function slaInstants(
  activatedAt: Date,
  sla: Pick<StepSla, "minutes" | "reminderPercent">,
  calendar: BusinessCalendar | null,
): { remindAt: Date; escalateAt: Date } {
  const reminderMinutes = (sla.minutes * sla.reminderPercent) / 100;
  if (!calendar)
    return {
      remindAt: new Date(activatedAt.getTime() + reminderMinutes * MINUTE_MS),
      escalateAt: new Date(activatedAt.getTime() + sla.minutes * MINUTE_MS),
    };
  return {
    remindAt: addBusinessMinutes(activatedAt, reminderMinutes, calendar),
    escalateAt: addBusinessMinutes(activatedAt, sla.minutes, calendar),
  };
}

/** The team that owns a step: the first team its candidates name, else the team of its first owner who has one. */
export function owningTeam(
  step: TemplateStep | undefined,
  ownerTeams: readonly { userId: string; teamKey: string | null }[],
  ownerIds: readonly string[],
): string | null {
  const candidates =
    step?.kind === "task" ? step.candidates : step?.kind === "approval" ? step.approvers : undefined;
  const named = candidates?.teams?.[0];
  if (named) return named;
  for (const id of ownerIds) {
    const team = ownerTeams.find((t) => t.userId === id)?.teamKey;
    if (team) return team;
  }
  return null;
}
