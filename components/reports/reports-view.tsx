"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import { Card } from "@/components/ui/card";
import { SegmentedControl } from "@/components/ui/segmented-control";
import type { ReportName } from "@/server/reports/metric-definition";
import { DrillList } from "./drill-list";
import { missed } from "./figures";
import { ReportChart } from "./report-chart";
import { dayText, periodOf, previousPeriod, reportFilterParsers } from "./report-filters";
import { ReportTable, type DrillTarget } from "./report-table";

export interface CatalogueEntry {
  name: ReportName;
  title: { en: string; ja: string };
  groupBy: string[];
  audience: "support" | "risk" | "city" | "workflow";
}

const AUDIENCES = ["support", "risk", "city", "workflow"] as const;

/** Reports by role: a tab per area the reader may see, filters and comparison in the URL, drill-down below. */
export function ReportsView({ catalogue }: { catalogue: CatalogueEntry[] }) {
  const t = useTranslations("reports");
  const locale = useLocale() === "ja" ? "ja" : "en";
  const trpc = useTRPC();
  const [filters, setFilters] = useQueryStates(reportFilterParsers, { history: "push" });
  const current = catalogue.find((entry) => entry.name === filters.report) ?? catalogue[0];
  const audiences = AUDIENCES.filter((audience) => catalogue.some((entry) => entry.audience === audience));
  const period = periodOf(filters);
  const groupBy =
    current && filters.groupBy && current.groupBy.includes(filters.groupBy)
      ? filters.groupBy
      : current?.groupBy[0];
  const input = current
    ? { name: current.name, from: period.from.toISOString(), to: period.to.toISOString(), groupBy }
    : null;
  const report = useQuery({
    ...trpc.reports.run.queryOptions(input ?? { name: "ticket-sla" }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
  const before = previousPeriod(period);
  const previous = useQuery({
    ...trpc.reports.run.queryOptions({
      ...(input ?? { name: "ticket-sla" }),
      from: before.from.toISOString(),
      to: before.to.toISOString(),
    }),
    enabled: input !== null && filters.compare,
  });
  if (!current || !input) return <Card className="p-6 text-sm">{t("noReports")}</Card>;

  const clearDrill = { key: null, metric: null, filter: null };
  const drill =
    filters.metric && filters.filter
      ? { key: filters.key, metric: filters.metric, filter: filters.filter }
      : null;
  const drilled =
    drill && report.data
      ? (drill.key === null ? report.data.total : report.data.rows.find((row) => row.key === drill.key))
          ?.figures[drill.metric]
      : undefined;
  const expected =
    drilled === undefined
      ? null
      : drill?.filter === "breached"
        ? missed(drilled)
        : drill?.filter === "all"
          ? drilled.count + drilled.excluded
          : null;
  const onDrill = (target: DrillTarget) =>
    void setFilters({ key: target.key, metric: target.metric, filter: target.filter });
  const firstMetric = report.data?.metrics[0];

  return (
    <div>
      <div className="flex flex-wrap items-end gap-4">
        <SegmentedControl
          label={t("area")}
          options={audiences.map((audience) => ({
            value: audience,
            label: t(`areas.${audience}`),
            testId: `reports-tab-${audience}`,
          }))}
          value={current.audience}
          onChange={(audience) => {
            const first = catalogue.find((entry) => entry.audience === audience);
            void setFilters({ report: first?.name ?? null, groupBy: null, ...clearDrill });
          }}
        />
        <SegmentedControl
          label={t("report")}
          options={catalogue
            .filter((entry) => entry.audience === current.audience)
            .map((entry) => ({
              value: entry.name,
              label: entry.title[locale],
              testId: `report-${entry.name}`,
            }))}
          value={current.name}
          onChange={(name) => void setFilters({ report: name, groupBy: null, ...clearDrill })}
        />
      </div>
      <div className="mt-4 flex flex-wrap items-end gap-4 text-sm">
        <label className="flex flex-col gap-1">
          <span className="text-xs text-fg-muted">{t("groupBy")}</span>
          <select
            className="rounded-md border border-border bg-surface px-2 py-1"
            value={groupBy}
            data-testid="report-group-by"
            onChange={(event) => void setFilters({ groupBy: event.target.value, ...clearDrill })}
          >
            {current.groupBy.map((dimension) => (
              <option key={dimension} value={dimension}>
                {t(`dimensions.${dimension}` as "dimensions.team")}
              </option>
            ))}
          </select>
        </label>
        {(["from", "to"] as const).map((field) => (
          <label key={field} className="flex flex-col gap-1">
            <span className="text-xs text-fg-muted">{t(field)}</span>
            <input
              type="date"
              className="rounded-md border border-border bg-surface px-2 py-1"
              value={
                field === "from" ? dayText(period.from) : dayText(new Date(period.to.getTime() - 86_400_000))
              }
              data-testid={`report-${field}`}
              onChange={(event) => void setFilters({ [field]: event.target.value || null, ...clearDrill })}
            />
          </label>
        ))}
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={filters.compare}
            data-testid="report-compare"
            onChange={(event) => void setFilters({ compare: event.target.checked })}
          />
          {t("compare", { from: dayText(before.from) })}
        </label>
      </div>
      <Card className="mt-4 p-4">
        {report.data && firstMetric ? (
          <>
            <ReportChart
              report={report.data}
              previous={filters.compare ? previous.data : undefined}
              metric={firstMetric}
              labels={{ current: t("current"), previous: t("previous") }}
            />
            <ReportTable
              report={report.data}
              previous={filters.compare ? previous.data : undefined}
              onDrill={onDrill}
            />
          </>
        ) : (
          <p className="text-sm text-fg-muted">{report.isError ? report.error.message : t("loading")}</p>
        )}
      </Card>
      {drill ? (
        <DrillList
          key={`${drill.key}-${drill.metric}-${drill.filter}`}
          query={{
            name: current.name,
            from: period.from.toISOString(),
            to: period.to.toISOString(),
            groupBy: groupBy ?? current.groupBy[0] ?? "",
          }}
          drill={drill}
          expected={expected}
          onClose={() => void setFilters(clearDrill)}
        />
      ) : null}
    </div>
  );
}
