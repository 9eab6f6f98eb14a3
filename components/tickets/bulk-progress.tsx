"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { canTransition } from "@/server/tickets/status";
import type { BulkResult } from "./types";
import type { BulkRun } from "./use-bulk-update";
import type { PickedTicket } from "./use-selection";

interface BulkProgressProps {
  run: BulkRun;
  onStop: () => void;
  onDismiss: () => void;
}

/** Progress of a chunked bulk change, then one line per ticket: failures first, with the server's reason. */
export function BulkProgress({ run, onStop, onDismiss }: BulkProgressProps) {
  const t = useTranslations("tickets.bulk");
  const tStatus = useTranslations("tickets.status");
  const failed = run.results.filter((result) => !result.ok);
  const succeeded = run.results.length - failed.length;
  const ordered = [...failed, ...run.results.filter((result) => result.ok)];
  // The lifecycle refusal is known here (and said in the user's language); other reasons come from the server.
  const reason = (result: BulkResult, ticket: PickedTicket | undefined) => {
    const to = run.change.status;
    if (ticket && to && !canTransition(ticket.status, to)) {
      return t("transitionRefused", { from: tStatus(ticket.status), to: tStatus(to) });
    }
    return result.error?.message ?? t("failedUnknown");
  };
  const percent = run.total === 0 ? 100 : Math.round((run.done / run.total) * 100);

  return (
    <section
      aria-label={t("progressLabel")}
      data-testid="bulk-progress"
      data-running={run.running}
      className="rounded-lg border border-border bg-surface p-3 shadow-xs"
    >
      <div className="flex flex-wrap items-center gap-3">
        {run.running ? <Spinner className="size-3.5 text-accent" /> : null}
        <p className="text-sm font-medium" aria-live="polite" data-testid="bulk-status-text">
          {run.running
            ? t("progress", { done: run.done, total: run.total })
            : t("finished", { succeeded, failed: failed.length, skipped: run.total - run.done })}
        </p>
        <div
          role="progressbar"
          aria-label={t("progressLabel")}
          aria-valuemin={0}
          aria-valuemax={run.total}
          aria-valuenow={run.done}
          className="h-1.5 min-w-40 flex-1 overflow-hidden rounded-full bg-surface-muted"
        >
          <div
            className={cn(
              "h-full rounded-full transition-[width]",
              failed.length > 0 ? "bg-warning" : "bg-accent",
            )}
            style={{ width: `${percent}%` }}
          />
        </div>
        {run.running ? (
          <Button size="sm" onClick={onStop} data-testid="bulk-stop">
            {t("stop")}
          </Button>
        ) : (
          <Button size="sm" variant="ghost" onClick={onDismiss} data-testid="bulk-dismiss">
            {t("dismiss")}
          </Button>
        )}
      </div>
      {ordered.length > 0 ? (
        <ul className="mt-3 max-h-56 divide-y divide-border overflow-y-auto rounded-md border border-border text-xs">
          {ordered.map((result) => {
            const ticket = run.tickets.get(result.id);
            return (
              <li
                key={result.id}
                data-testid="bulk-result"
                data-ok={result.ok}
                className="flex items-center gap-2 px-2 py-1.5"
              >
                <span
                  aria-hidden="true"
                  className={cn("size-1.5 shrink-0 rounded-full", result.ok ? "bg-success" : "bg-danger")}
                />
                <Link
                  href={`/tickets/${ticket?.number ?? result.id}`}
                  className="font-mono text-fg-muted hover:underline"
                >
                  #{ticket?.number}
                </Link>
                <span className="min-w-0 flex-1 truncate">{ticket?.subject}</span>
                <span className={cn("shrink-0", result.ok ? "text-success" : "text-danger")}>
                  {result.ok ? t("ok") : reason(result, ticket)}
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
