import type { DeliveryLogEntry } from "@/server/notifications/contract";

// What one delivery-log entry says, as a message key and its values (the component translates it). Pure, so the
// wording rules (who, which channel, which state) are tested without rendering.

type LineTone = "ok" | "pending" | "failed" | "ack";

export interface LogLine {
  key:
    | "acknowledgedBy"
    | "acknowledgedVia"
    | "failed"
    | "paging"
    | "cancelled"
    | "providerAcknowledge"
    | "providerResolve"
    | "notifiedInApp"
    | "paged";
  values: { name?: string; channel?: string; via?: string; error?: string; attempts?: number };
  tone: LineTone;
}

const CHANNEL_LABEL: Record<string, string> = {
  slack: "Slack",
  pagerduty: "PagerDuty",
  email: "E-mail",
  webhook: "Webhook",
  in_app: "In-app",
};

/** `someone` names a recipient that is not a person (a Slack channel post, PagerDuty's service). */
export function logLine(entry: DeliveryLogEntry, someone: string): LogLine {
  if (entry.kind === "acknowledged") {
    return entry.userName
      ? { key: "acknowledgedBy", values: { name: entry.userName, via: entry.via }, tone: "ack" }
      : { key: "acknowledgedVia", values: { via: entry.via }, tone: "ack" };
  }
  const channel = entry.channelName ?? CHANNEL_LABEL[entry.channelKind] ?? entry.channelKind;
  const name = entry.recipientName ?? someone;
  if (entry.status === "dead") {
    return { key: "failed", values: { name, channel, error: entry.lastError ?? "" }, tone: "failed" };
  }
  if (entry.status === "cancelled") {
    return { key: "cancelled", values: { name, channel }, tone: "ok" };
  }
  if (entry.status !== "delivered") {
    return { key: "paging", values: { name, channel, attempts: entry.attempts + 1 }, tone: "pending" };
  }
  if (entry.action === "acknowledge") return { key: "providerAcknowledge", values: { channel }, tone: "ack" };
  if (entry.action === "resolve") return { key: "providerResolve", values: { channel }, tone: "ok" };
  if (entry.channelKind === "in_app") return { key: "notifiedInApp", values: { name }, tone: "ok" };
  return { key: "paged", values: { name, channel }, tone: "ok" };
}
