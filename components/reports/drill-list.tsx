"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ItemFilter, ReportQueryInput } from "@/server/reports/contract";

interface DrillListProps {
  query: ReportQueryInput & { from: string; to: string; groupBy: string };
  drill: { key: string | null; metric: string; filter: ItemFilter };
  /** How many items the figure counted: the list and the CSV hold as many. */
  expected: number | null;
  onClose: () => void;
}

const PAGE = 100;

/** The items behind a figure, each linking to its page, with the same list as CSV. */
export function DrillList({ query, drill, expected, onClose }: DrillListProps) {
  const t = useTranslations("reports.drill");
  const format = useFormatter();
  const trpc = useTRPC();
  const input = {
    ...query,
    key: drill.key ?? undefined,
    metric: drill.metric,
    filter: drill.filter,
    limit: PAGE,
  };
  const items = useInfiniteQuery(
    trpc.reports.items.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor }),
  );
  const rows = items.data?.pages.flatMap((page) => page.items) ?? [];
  const csv = new URLSearchParams({
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    metric: drill.metric,
    filter: drill.filter,
    ...(drill.key === null ? {} : { key: drill.key }),
  });
  return (
    <Card className="mt-6 p-4" data-testid="drill-list">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">
          {t("title", { filter: drill.filter, metric: drill.metric })}{" "}
          <span data-testid="drill-count" data-count={expected ?? undefined}>
            {t("count", { count: expected ?? rows.length })}
          </span>
        </h2>
        <div className="flex gap-2">
          <a
            className={buttonClasses("secondary", "sm")}
            href={`/api/reports/${query.name}/csv?${csv.toString()}`}
            download
            data-testid="drill-csv"
          >
            {t("csv")}
          </a>
          <Button variant="ghost" size="sm" onClick={onClose}>
            {t("close")}
          </Button>
        </div>
      </div>
      <ul className="mt-3 divide-y divide-border text-sm">
        {rows.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-3 py-1.5" data-testid="drill-row">
            <Link href={item.href} className="font-medium text-accent hover:underline">
              {item.number === null ? item.id.slice(0, 8) : `#${item.number}`}
            </Link>
            <span className="text-fg-muted">{item.status}</span>
            <span className="text-fg-muted">
              {format.dateTime(item.at, { dateStyle: "medium", timeStyle: "short" })}
            </span>
            {item.minutes !== null ? (
              <span className="tabular-nums">{t("minutes", { minutes: item.minutes })}</span>
            ) : null}
            {item.breached ? <span className="text-danger">{t("breached")}</span> : null}
          </li>
        ))}
      </ul>
      {rows.length === 0 && !items.isLoading ? (
        <p className="mt-2 text-sm text-fg-muted">{t("empty")}</p>
      ) : null}
      {items.hasNextPage ? (
        <Button
          variant="secondary"
          size="sm"
          className="mt-3"
          onClick={() => void items.fetchNextPage()}
          disabled={items.isFetchingNextPage}
        >
          {t("more")}
        </Button>
      ) : null}
    </Card>
  );
}
