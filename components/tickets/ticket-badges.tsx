import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { TicketPriority, TicketStatus } from "./types";

const STATUS_DOT: Record<TicketStatus, string> = {
  new: "bg-accent",
  open: "bg-success",
  pending: "bg-warning",
  resolved: "bg-fg-muted/60",
  closed: "bg-fg-muted/30",
};

export function StatusBadge({ status, className }: { status: TicketStatus; className?: string }) {
  const t = useTranslations("tickets.status");
  return (
    <span
      data-testid="ticket-status"
      data-status={status}
      className={cn("inline-flex items-center gap-1.5 text-xs whitespace-nowrap text-fg", className)}
    >
      <span aria-hidden="true" className={cn("size-2 shrink-0 rounded-full", STATUS_DOT[status])} />
      {t(status)}
    </span>
  );
}

const PRIORITY_TONE: Record<TicketPriority, string> = {
  P1: "border-danger/40 bg-danger/10 text-danger",
  P2: "border-warning/40 bg-warning/10 text-warning",
  P3: "border-border bg-surface-muted text-fg",
  P4: "border-border bg-surface text-fg-muted",
};

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const t = useTranslations("tickets.priorityName");
  return (
    <span
      data-testid="ticket-priority"
      data-priority={priority}
      title={t(priority)}
      className={cn(
        "inline-flex h-5 items-center rounded border px-1.5 font-mono text-[11px] font-semibold",
        PRIORITY_TONE[priority],
      )}
    >
      {priority}
      <span className="sr-only"> {t(priority)}</span>
    </span>
  );
}

/** How often the sweep escalated an active ticket (breaches, or waiting unassigned as its SLA neared). */
export function EscalationMark({ level }: { level: number }) {
  const t = useTranslations("tickets.queue");
  if (level === 0) return null;
  return (
    <span
      data-testid="ticket-escalation"
      data-level={level}
      title={t("escalatedTitle", { level })}
      className="ml-1 inline-flex h-5 items-center rounded border border-danger/30 bg-danger/10 px-1 font-mono text-[11px] font-semibold text-danger"
    >
      ↑{level}
      <span className="sr-only"> {t("escalatedTitle", { level })}</span>
    </span>
  );
}
