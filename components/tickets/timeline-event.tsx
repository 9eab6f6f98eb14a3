import { useFormatter, useTranslations } from "next-intl";
import { TICKET_CATEGORIES, TICKET_STATUSES } from "@/server/tickets/types";
import type { TimelineEntry } from "./types";

type EventEntry = Extract<TimelineEntry, { kind: "event" }>;

const text = (value: unknown) =>
  typeof value === "string" || typeof value === "number" ? String(value) : "";
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Event payloads are free-form JSON: known shapes read nicely, anything else shows its type. */
function useEventText() {
  const t = useTranslations("tickets");
  const status = (value: unknown) => {
    const known = TICKET_STATUSES.find((s) => s === value);
    return known ? t(`status.${known}`) : text(value);
  };
  const category = (value: unknown) => {
    const known = TICKET_CATEGORIES.find((c) => c === value);
    return known ? t(`category.${known}`) : text(value);
  };
  const change = (field: string, value: unknown) => {
    const c = isRecord(value) ? value : {};
    if (field === "priority") return t("events.priority", { from: text(c.from), to: text(c.to) });
    if (field === "category") return t("events.category", { from: category(c.from), to: category(c.to) });
    return t("events.team");
  };

  return (entry: EventEntry): string => {
    const p = entry.payload;
    switch (entry.type) {
      case "TicketCreated":
        return t("events.created");
      case "TicketStatusUpdated":
        return t("events.status", { from: status(p.from), to: status(p.to) });
      case "TicketUpdated":
        return Object.entries(isRecord(p.changes) ? p.changes : {})
          .map(([field, value]) => change(field, value))
          .join(" · ");
      case "TicketEscalated":
        if (p.kind === "unassigned_at_risk") return t("events.escalatedUnassigned", { level: text(p.level) });
        if (p.fromPriority === p.toPriority)
          return t("events.escalatedSamePriority", { level: text(p.level), priority: text(p.toPriority) });
        return t("events.escalated", {
          level: text(p.level),
          from: text(p.fromPriority),
          to: text(p.toPriority),
        });
      case "SlaBreached":
        return t("events.breached", {
          kind: t(p.kind === "first_response" ? "sla.firstResponse" : "sla.resolution"),
        });
      default:
        return entry.type;
    }
  };
}

/** One line per domain event: what changed, who did it, when. */
export function TimelineEvent({ entry }: { entry: EventEntry }) {
  const t = useTranslations("tickets.timeline");
  const format = useFormatter();
  const describe = useEventText();
  const actorType =
    entry.actor.type === "user" || entry.actor.type === "api_client" ? entry.actor.type : "system";

  return (
    <div
      data-testid="timeline-event"
      data-type={entry.type}
      className="flex items-center gap-2 px-1 text-xs text-fg-muted"
    >
      <span aria-hidden="true" className="size-1.5 shrink-0 rounded-full bg-fg-muted/40" />
      <span className="min-w-0 flex-1">
        <span className="text-fg">{describe(entry)}</span> · {entry.actor.name ?? t(`actor.${actorType}`)}
      </span>
      <time dateTime={entry.at.toISOString()} className="shrink-0 tabular-nums">
        {format.dateTime(entry.at, "medium")}
      </time>
    </div>
  );
}
