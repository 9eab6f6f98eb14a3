import { useFormatter, useLocale, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { formatBalance, formatMetricValue, METRIC_INFO, type Metric } from "@/server/indicators/metrics";
import { BALANCE_TONE } from "./badges";
import type { CityDetailData } from "./types";

const FIGURES: readonly Metric[] = [
  "orders",
  "demand",
  "supply",
  "avg_delivery_minutes",
  "cancellation_rate",
  "delivery_failures",
  "kitchen_overloads",
];

/** The latest reading of every indicator, with the courier balance first. */
export function KpiStrip({ status }: { status: CityDetailData["status"] }) {
  const t = useTranslations("cities");
  const format = useFormatter();
  const locale = useLocale() === "ja" ? "ja" : "en";
  const latest = status.indicators.orders?.bucketStart;
  const cell = "min-w-0 rounded-md border border-border bg-surface px-3 py-2";

  return (
    <section aria-label={t("detail.latest")} className="space-y-1.5">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 2xl:grid-cols-8" data-testid="kpi-strip">
        <div className={cell}>
          <dt className="truncate text-xs text-fg-muted">{t("tile.balance")}</dt>
          <dd
            className={cn(
              "text-lg font-semibold whitespace-nowrap tabular-nums",
              status.balance && BALANCE_TONE[status.balance.status],
            )}
          >
            {formatBalance(status.balance, locale)}
            <span className="ml-1.5 text-xs font-normal text-fg-muted">
              {status.balance ? t(`balance.${status.balance.status}`) : ""}
            </span>
          </dd>
        </div>
        {FIGURES.map((metric) => {
          const reading = status.indicators[metric];
          return (
            <div key={metric} className={cell} data-testid={`kpi-${metric}`}>
              <dt className="truncate text-xs text-fg-muted" title={METRIC_INFO[metric].label[locale]}>
                {METRIC_INFO[metric].label[locale]}
              </dt>
              <dd className="text-lg font-semibold whitespace-nowrap tabular-nums">
                {reading ? formatMetricValue(metric, reading.value, locale) : "—"}
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="text-xs text-fg-muted">
        {latest ? t("detail.asOf", { time: format.dateTime(latest, "short") }) : t("tile.noData")}
      </p>
    </section>
  );
}
