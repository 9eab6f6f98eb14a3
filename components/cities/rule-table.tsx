import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { formatMetricValue, formatNumber, METRIC_INFO } from "@/server/indicators/metrics";
import type { AlertRule } from "@/server/alerts/rules";
import { SeverityBadge } from "./badges";
import type { RuleViewData } from "./types";

function useSummary() {
  const t = useTranslations("cities.rules.summary");
  const locale = useLocale() === "ja" ? "ja" : "en";
  return (rule: AlertRule): string => {
    const metric = METRIC_INFO[rule.metric].label[locale];
    const condition =
      rule.kind === "threshold"
        ? t("threshold", {
            metric,
            operator: rule.operator,
            value: formatMetricValue(rule.metric, rule.threshold, locale),
          })
        : rule.kind === "change"
          ? t("change", {
              metric,
              operator: rule.operator,
              percent: formatNumber(rule.changePercent, locale),
              window: rule.comparisonWindow,
            })
          : t("noData", { metric, minutes: rule.noDataMinutes });
    return rule.forSeconds > 0 ? `${condition} ${t("for", { minutes: rule.forSeconds / 60 })}` : condition;
  };
}

/** Every rule with what it watches, where, how loud, and what it opens. */
export function RuleTable({ rules }: { rules: readonly RuleViewData[] }) {
  const t = useTranslations("cities.rules");
  const locale = useLocale() === "ja" ? "ja" : "en";
  const summary = useSummary();

  return (
    <div className="overflow-x-auto rounded-lg border border-border">
      <table className="w-full text-sm" data-testid="rule-table">
        <thead className="bg-surface-muted text-left text-xs text-fg-muted">
          <tr>
            {(["name", "condition", "scope", "severity", "plan", "open"] as const).map((column) => (
              <th key={column} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {t(`columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {rules.map((view) => (
            <tr key={view.id} className={view.rule?.enabled === false ? "text-fg-muted" : undefined}>
              <td className="px-3 py-2">
                <Link href={`/cities/rules/${view.id}`} className="font-medium text-fg hover:underline">
                  {view.name}
                </Link>
                {view.rule?.enabled === false ? <Badge className="ml-2">{t("disabled")}</Badge> : null}
                {view.rule === null ? (
                  <Badge tone="danger" className="ml-2" title={view.issues.join("\n")}>
                    {t("invalid")}
                  </Badge>
                ) : null}
              </td>
              <td className="px-3 py-2">{view.rule ? summary(view.rule) : "—"}</td>
              <td className="px-3 py-2 text-xs tracking-wide whitespace-nowrap">
                {view.cityCode ?? t("allCities")}
              </td>
              <td className="px-3 py-2">
                {view.rule ? <SeverityBadge severity={view.rule.severity} /> : null}
              </td>
              <td className="px-3 py-2 text-xs">
                {view.plan ? (locale === "ja" ? view.plan.nameJa : view.plan.name) : "—"}
                {view.rule?.opensTicket ? <Badge className="ml-2">{t("opensTicket")}</Badge> : null}
                {view.rule?.opensRiskCase ? <Badge className="ml-2">{t("opensRiskCase")}</Badge> : null}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{view.openAlerts}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
