"use client";

import { useFormatter, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { TICKET_STATUSES } from "@/server/tickets/types";
import type { QueueSummary as Summary, TicketStatus } from "./types";
import type { LiveStatus } from "@/components/providers/live-events";

interface QueueSummaryProps {
  summary: Summary | null;
  selected: readonly TicketStatus[] | null;
  breachedOnly: boolean;
  live: LiveStatus;
  onStatus: (status: TicketStatus) => void;
  onBreached: () => void;
}

const chip =
  "inline-flex h-8 items-center gap-2 rounded-md border px-2.5 text-xs transition-colors hover:bg-surface-muted";

/** Counts for the whole filter, by status; each count is a shortcut to that filter. */
export function QueueSummary({
  summary,
  selected,
  breachedOnly,
  live,
  onStatus,
  onBreached,
}: QueueSummaryProps) {
  const t = useTranslations("tickets");
  const format = useFormatter();
  // Exact counts, in the reader's locale's digits grouping.
  const count = (value: number | undefined) => (summary ? format.number(value ?? 0) : "–");

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="queue-summary">
      <span className="mr-1 text-sm text-fg-muted">
        {t("summary.total")}{" "}
        <strong data-testid="queue-total" className="font-semibold text-fg tabular-nums">
          {count(summary?.total)}
        </strong>
      </span>
      {TICKET_STATUSES.map((status) => {
        const pressed = selected?.includes(status) ?? false;
        return (
          <button
            key={status}
            type="button"
            aria-pressed={pressed}
            data-testid={`summary-${status}`}
            onClick={() => onStatus(status)}
            className={cn(
              chip,
              pressed ? "border-accent/50 bg-accent/10 text-accent" : "border-border text-fg-muted",
            )}
          >
            {t(`status.${status}`)}
            <span className="font-semibold text-fg tabular-nums">{count(summary?.byStatus[status])}</span>
          </button>
        );
      })}
      <button
        type="button"
        aria-pressed={breachedOnly}
        data-testid="summary-breached"
        onClick={onBreached}
        className={cn(
          chip,
          breachedOnly ? "border-danger/50 bg-danger/10 text-danger" : "border-border text-fg-muted",
        )}
      >
        {t("summary.breached")}
        <span className="font-semibold text-danger tabular-nums">{count(summary?.breached)}</span>
      </button>
      {summary && summary.slaComplianceRate !== null ? (
        <span className="text-xs text-fg-muted">
          {t("summary.compliance", { rate: format.number(summary.slaComplianceRate, { style: "percent" }) })}
        </span>
      ) : null}
      <span
        role="status"
        data-testid="live-status"
        data-state={live}
        className="ml-auto inline-flex items-center gap-1.5 text-xs text-fg-muted"
      >
        <span
          aria-hidden="true"
          className={cn(
            "size-2 rounded-full",
            live === "pending" ? "bg-success" : live === "error" ? "bg-danger" : "bg-warning",
          )}
        />
        {t(`live.${live}`)}
      </span>
    </div>
  );
}
