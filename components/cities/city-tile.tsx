import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatBalance, formatMetricValue } from "@/server/indicators/metrics";
import { AlertLevelBadge, BALANCE_TONE } from "./badges";
import { Sparkline } from "./sparkline";
import type { CityTileData } from "./types";

const FIGURES = ["orders", "avg_delivery_minutes", "supply"] as const;

/** One city on the board: courier balance, key figures, the last hours' balance and its alert level. */
export function CityTile({ city }: { city: CityTileData }) {
  const t = useTranslations("cities.tile");
  const tBalance = useTranslations("cities.balance");
  const format = useFormatter();
  const locale = useLocale() === "ja" ? "ja" : "en";
  const name = locale === "ja" ? city.nameJa : city.name;
  const firstAlert = city.openAlerts[0];
  const updated = city.indicators.orders?.bucketStart;

  return (
    <Link
      href={`/cities/${city.code}`}
      className="group block rounded-lg focus-visible:outline-offset-2"
      data-testid={`city-tile-${city.code}`}
      aria-label={t("open", { city: name })}
    >
      <Card
        className={cn(
          "flex h-full flex-col gap-3 p-4 transition-colors group-hover:border-fg-muted/40",
          city.alertState === "firing" && "border-danger/40",
        )}
      >
        <div className="flex items-start justify-between gap-2">
          <div className="min-w-0">
            <h2 className="truncate text-sm font-semibold">
              {name} <span className="text-xs font-normal tracking-wide text-fg-muted">{city.code}</span>
            </h2>
            <p className="truncate text-xs text-fg-muted">
              {firstAlert ? firstAlert.ruleName : t("openAlerts", { count: 0 })}
              {city.openAlerts.length > 1 ? ` +${city.openAlerts.length - 1}` : ""}
            </p>
          </div>
          <AlertLevelBadge state={city.alertState} severity={city.worstSeverity} />
        </div>

        <div className="flex items-end justify-between gap-3">
          <div>
            <p className="text-xs text-fg-muted">{t("balance")}</p>
            <p
              className={cn(
                "text-2xl font-semibold tabular-nums",
                city.balance && BALANCE_TONE[city.balance.status],
              )}
            >
              {formatBalance(city.balance, locale)}
            </p>
            <p className="text-xs text-fg-muted">
              {city.balance ? tBalance(city.balance.status) : t("noData")}
            </p>
          </div>
          <dl className="grid grid-cols-[auto_auto] gap-x-3 gap-y-0.5 text-right text-xs">
            {FIGURES.map((metric) => {
              const reading = city.indicators[metric];
              return (
                <div key={metric} className="contents">
                  <dt className="text-fg-muted">{t(`figures.${metric}`)}</dt>
                  <dd className="font-medium tabular-nums">
                    {reading ? formatMetricValue(metric, reading.value, locale) : "—"}
                  </dd>
                </div>
              );
            })}
          </dl>
        </div>

        <Sparkline
          points={city.sparkline}
          reference={1}
          label={t("sparklineLabel", { hours: 6 })}
          className="text-accent"
        />
        <p className="text-[11px] text-fg-muted tabular-nums">
          {updated ? t("updated", { time: format.dateTime(updated, "time") }) : t("noData")}
        </p>
      </Card>
    </Link>
  );
}
