import type { InputJsonObject } from "../db/json.ts";
import type { DomainEventInput } from "../events/record.ts";
import type { EventType } from "../events/types.ts";
import type { IncidentRow } from "./incident-repository.ts";

// Every incident event carries the incident as it is after the change (state, version, why), so a consumer needs
// nothing else to follow it.

export function incidentEvent(
  type: Extract<EventType, `Incident${string}`>,
  incident: IncidentRow,
  extra: InputJsonObject = {},
  audit?: InputJsonObject,
): DomainEventInput {
  return {
    type,
    aggregateType: "incident",
    aggregateId: incident.id,
    payload: {
      incidentId: incident.id,
      number: incident.number,
      title: incident.title,
      priority: incident.priority,
      state: incident.state,
      version: incident.version,
      cityId: incident.cityId,
      commanderId: incident.commanderId,
      ...extra,
    },
    ...(audit ? { auditDetails: audit } : {}),
  };
}

export function memberJoined(
  incident: IncidentRow,
  member: {
    kind: string;
    memberId: string;
    ruleId?: string | null;
    ruleVersion?: number | null;
    key?: string | null;
  },
): DomainEventInput {
  return incidentEvent("IncidentMemberJoined", incident, {
    member: {
      kind: member.kind,
      memberId: member.memberId,
      ruleId: member.ruleId ?? null,
      ruleVersion: member.ruleVersion ?? null,
      key: member.key ?? null,
    },
  });
}
