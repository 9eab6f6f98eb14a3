import type { Tx } from "../db/transaction.ts";
import type { EscalationTarget, PolicySnapshot } from "./contract.ts";
import { activeUserIds, activeUsersWithRole, preferencesOf, teamLeadId } from "./directory-repository.ts";
import { toSchedule } from "./schedule-model.ts";
import { schedulesByIds, schedulesOfTeam } from "./schedule-repository.ts";
import { whoIsOnCall } from "./schedule.ts";
import {
  DEFAULT_HOURS,
  isQuietTime,
  mayPage,
  SEVERITIES,
  type Channel,
  type ResponderHours,
  type Severity,
} from "./working-hours.ts";

// Who each level of an escalation pages at this instant: its targets resolved against the schedules, roles and
// the object's team, minus deactivated users, minus responders off duty when the level pages in working hours only.

interface Recipient {
  userId: string;
  channels: Channel[];
  bypassQuietHours: boolean;
}

export interface LevelRecipients {
  /** Users the level may page now, in target order, each once. */
  userIdsOf(level: number): string[];
  recipient(userId: string): Recipient;
}

export const asSeverity = (value: string): Severity =>
  (SEVERITIES as readonly string[]).includes(value) ? (value as Severity) : "warning";

export async function resolveLevels(
  tx: Tx,
  policy: PolicySnapshot,
  object: { teamId: string | null; severity: Severity },
  now: Date,
): Promise<LevelRecipients> {
  const targets = policy.levels.flatMap((level) => level.targets);
  const scheduleIds = targets.flatMap((t) => (t.kind === "schedule" ? [t.scheduleId] : []));
  const roles = [...new Set(targets.flatMap((t) => (t.kind === "role" ? [t.role] : [])))];
  const wantsTeam = (kind: string) => object.teamId !== null && targets.some((t) => t.kind === kind);

  const onCall = new Map<string, string>();
  for (const row of await schedulesByIds(tx, scheduleIds, now)) {
    const who = whoIsOnCall(toSchedule(row), now);
    if (who) onCall.set(row.id, who.userId);
  }
  const teamOnCall: string[] = [];
  if (wantsTeam("team_oncall")) {
    for (const row of await schedulesOfTeam(tx, object.teamId!, now)) {
      const who = whoIsOnCall(toSchedule(row), now);
      if (who) teamOnCall.push(who.userId);
    }
  }
  const byRole = new Map<string, string[]>();
  for (const role of roles) byRole.set(role, await activeUsersWithRole(tx, role));
  const lead = wantsTeam("team_lead") ? await teamLeadId(tx, object.teamId!) : null;

  const usersOf = (target: EscalationTarget): string[] => {
    switch (target.kind) {
      case "user":
        return [target.userId];
      case "schedule":
        return onCall.has(target.scheduleId) ? [onCall.get(target.scheduleId)!] : [];
      case "role":
        return byRole.get(target.role) ?? [];
      case "team_lead":
        return lead === null ? [] : [lead];
      case "team_oncall":
        return teamOnCall;
      case "assignees":
        return policy.assignees;
    }
  };
  const candidates = policy.levels.map((level) => [...new Set(level.targets.flatMap(usersOf))]);
  const everyone = [...new Set(candidates.flat())];
  const active = await activeUserIds(tx, everyone);
  const preferences = new Map((await preferencesOf(tx, everyone)).map((p) => [p.userId, p]));
  const hoursOf = (userId: string): ResponderHours => preferences.get(userId) ?? DEFAULT_HOURS;

  return {
    userIdsOf: (level) =>
      (candidates[level] ?? []).filter(
        (userId) =>
          active.has(userId) &&
          mayPage(hoursOf(userId), now, {
            severity: object.severity,
            workingHoursOnly: policy.levels[level]!.workingHoursOnly,
          }),
      ),
    recipient: (userId) => {
      const critical = object.severity === "critical";
      // Quiet hours live here, so they are applied here: a non-critical page during them goes in-app only.
      if (!critical && isQuietTime(hoursOf(userId), now)) {
        return { userId, channels: ["in_app"], bypassQuietHours: false };
      }
      const channels = preferences.get(userId)?.channels as Partial<Record<Severity, Channel[]>> | undefined;
      return { userId, channels: channels?.[object.severity] ?? [], bypassQuietHours: critical };
    },
  };
}
