"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { DeliveryLogEntry } from "@/server/notifications/contract";
import { logLine } from "./delivery-log-lines";

// The log changes when pages go out or come back acknowledged; a minute is fresh enough beside the live timeline.
const REFETCH_MS = 60_000;
const VIA = ["console", "pagerduty", "slack", "email"] as const;

interface DeliveryLogProps {
  objectType: "ticket" | "risk_case" | "alert" | "incident";
  objectId: string;
  /** Inside another card (an alert): no card of its own, and nothing at all while nobody was paged. */
  compact?: boolean;
}

/** "Paged Aoi via PagerDuty 14:03 · Acknowledged by Aoi (console) 14:05" for one object, oldest first. */
export function DeliveryLog({ objectType, objectId, compact = false }: DeliveryLogProps) {
  const t = useTranslations("deliveryLog");
  const format = useFormatter();
  const trpc = useTRPC();
  const log = useQuery(
    trpc.notifications.deliveryLog.queryOptions({ objectType, objectId }, { refetchInterval: REFETCH_MS }),
  );
  const entries = log.data ?? [];
  if (compact && entries.length === 0) return null;

  function line(entry: DeliveryLogEntry) {
    const { key, values, tone } = logLine(entry, t("someone"));
    const via = VIA.find((known) => known === values.via) ?? "console";
    return { text: t(key, { ...values, via: t(`via.${via}`) }), tone };
  }

  const body = log.isError ? (
    <p role="alert" className="text-sm text-danger">
      {t("loadFailed")}
    </p>
  ) : entries.length === 0 ? (
    <p className="text-sm text-fg-muted">{log.isPending ? "…" : t("empty")}</p>
  ) : (
    <ol className="space-y-1.5" data-testid="delivery-log">
      {entries.map((entry, index) => {
        const { text, tone } = line(entry);
        return (
          <li key={index} className="flex items-baseline gap-2 text-sm" data-kind={entry.kind}>
            <span
              aria-hidden="true"
              className={cn(
                "size-1.5 shrink-0 translate-y-[-1px] rounded-full",
                tone === "failed"
                  ? "bg-danger"
                  : tone === "pending"
                    ? "bg-warning"
                    : tone === "ack"
                      ? "bg-success"
                      : "bg-accent",
              )}
            />
            <span className={cn("min-w-0 flex-1 break-words", tone === "failed" && "text-danger")}>
              {text}
            </span>
            <time dateTime={entry.at.toISOString()} className="shrink-0 text-xs text-fg-muted tabular-nums">
              {format.dateTime(entry.at, "short")}
            </time>
          </li>
        );
      })}
    </ol>
  );

  if (compact) return <div className="border-t border-border pt-2">{body}</div>;
  return (
    <Card className="space-y-2 p-4" data-testid="delivery-log-card">
      <h2 className="text-sm font-semibold">{t("title")}</h2>
      {body}
    </Card>
  );
}
