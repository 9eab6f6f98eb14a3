"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useNow } from "@/components/lib/use-now";
import { cn } from "@/components/ui/cn";
import { formatPercentChange } from "@/server/alerts/condition";
import { formatMetricValue, formatNumber } from "@/server/indicators/metrics";
import { DeliveryLog } from "@/components/notifications/delivery-log";
import { AlertActions } from "./alert-actions";
import { AlertStateBadge, SeverityBadge } from "./badges";
import { PlanChecklist } from "./plan-checklist";
import type { AlertItem, PlanRunData } from "./types";
import { errorFor, type AlertMutations } from "./use-alert-mutations";
import { WorkflowPanel } from "@/components/workflows/workflow-panel";

interface AlertCardProps {
  alert: AlertItem;
  run: PlanRunData | null;
  mutations: AlertMutations;
  canManage: boolean;
}

export function AlertCard({ alert, run, mutations, canManage }: AlertCardProps) {
  const t = useTranslations("cities.alerts");
  const errorText = useMutationErrorText();
  const format = useFormatter();
  const locale = useLocale() === "ja" ? "ja" : "en";
  const time = (date: Date) => format.dateTime(date, "short");
  const value =
    alert.value === null
      ? null
      : alert.kind === "threshold"
        ? formatMetricValue(alert.metric, alert.value, locale)
        : alert.kind === "change"
          ? formatPercentChange(alert.value, locale)
          : t("minutesSilent", { minutes: formatNumber(alert.value, locale, 0) });
  const failed = errorFor(mutations, alert.id, run?.id ?? null);
  const now = useNow(30_000);
  const silenced = alert.silencedUntil !== null && now !== null && alert.silencedUntil.getTime() > now;

  return (
    <article
      className={cn(
        "space-y-2 rounded-md border border-border p-3",
        alert.state === "firing" && "border-l-4 border-l-danger",
      )}
      aria-labelledby={`alert-${alert.id}`}
      data-testid="alert-card"
      data-state={alert.state}
      data-rule={alert.ruleName}
    >
      <header className="flex items-start justify-between gap-2">
        <h3 id={`alert-${alert.id}`} className="text-sm leading-5 font-medium">
          {alert.ruleName}
        </h3>
        <span className="flex shrink-0 gap-1">
          <SeverityBadge severity={alert.severity} />
          <AlertStateBadge state={alert.state} />
        </span>
      </header>
      <p className="text-xs text-fg-muted tabular-nums">
        {alert.state === "pending"
          ? t("pendingSince", { time: time(alert.pendingSince) })
          : alert.firedAt
            ? t("firedAt", { time: time(alert.firedAt) })
            : null}
        {alert.resolvedAt ? ` · ${t("resolvedAt", { time: time(alert.resolvedAt) })}` : ""}
        {value ? ` · ${t("value", { value })}` : ""}
      </p>
      {alert.acknowledgedAt || silenced ? (
        <p className="text-xs text-fg-muted" data-testid="alert-flags">
          {alert.acknowledgedAt ? t("acknowledged", { time: time(alert.acknowledgedAt) }) : ""}
          {alert.acknowledgedAt && silenced ? " · " : ""}
          {silenced && alert.silencedUntil ? t("silencedUntil", { time: time(alert.silencedUntil) }) : ""}
        </p>
      ) : null}
      <AlertActions alert={alert} mutations={mutations} canManage={canManage} />
      <PlanChecklist alert={alert} run={run} mutations={mutations} canManage={canManage} />
      <WorkflowPanel boundType="alert" boundId={alert.id} />
      {alert.state !== "pending" ? <DeliveryLog objectType="alert" objectId={alert.id} compact /> : null}
      {failed ? (
        <p role="alert" className="text-xs text-danger">
          {t("failed", { message: errorText(failed) })}
        </p>
      ) : null}
    </article>
  );
}
