"use client";

import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { AlertCard } from "./alert-card";
import type { CityDetailData } from "./types";
import { useAlertMutations } from "./use-alert-mutations";

const RECENT_SHOWN = 8;

/** The city's open alerts with their actions and response plans, then the recently resolved ones. */
export function AlertPanel({
  code,
  detail,
  canManage,
}: {
  code: string;
  detail: CityDetailData;
  canManage: boolean;
}) {
  const t = useTranslations("cities.alerts");
  const mutations = useAlertMutations(code);
  const runs = new Map(detail.plans.map((run) => [run.alertId, run]));
  const open = detail.alerts.filter((alert) => alert.state !== "resolved");
  const resolved = detail.alerts.filter((alert) => alert.state === "resolved").slice(0, RECENT_SHOWN);

  const cards = (alerts: CityDetailData["alerts"]) =>
    alerts.map((alert) => (
      <AlertCard
        key={alert.id}
        alert={alert}
        run={runs.get(alert.id) ?? null}
        mutations={mutations}
        canManage={canManage}
      />
    ));

  return (
    // On narrow screens the alerts (and their acknowledge action) come before the charts.
    <Card className="space-y-4 p-4 max-lg:order-first" data-testid="alert-panel">
      <section aria-labelledby="open-alerts" className="space-y-2">
        <h2 id="open-alerts" className="text-sm font-semibold">
          {t("open")} <span className="font-normal text-fg-muted">({open.length})</span>
        </h2>
        {open.length === 0 ? <p className="text-sm text-fg-muted">{t("noneOpen")}</p> : null}
        {cards(open)}
      </section>
      <section aria-labelledby="resolved-alerts" className="space-y-2">
        <h2 id="resolved-alerts" className="text-sm font-semibold">
          {t("recent")}
        </h2>
        {resolved.length === 0 ? <p className="text-sm text-fg-muted">{t("none")}</p> : null}
        {cards(resolved)}
      </section>
    </Card>
  );
}
