"use client";

import { keepPreviousData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useQueryStates } from "nuqs";
import { useCallback, useEffect, useState } from "react";
import { ErrorNotice } from "@/components/admin/error-notice";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { CaseFilterBar } from "./case-filter-bar";
import {
  isFiltered,
  riskFilterParsers,
  riskListInput,
  sameRiskFilters,
  type RiskFilters,
} from "./case-filters";
import { CaseTable } from "./case-table";
import type { CaseListPage, FilterOptions } from "./types";
import { useLiveRiskEvents, type LiveState } from "./use-live-risk-events";

const HIGHLIGHT_MS = 10_000;

interface RiskCaseListProps {
  initialFilters: RiskFilters;
  initialPage: CaseListPage;
  options: FilterOptions;
}

function LiveIndicator({ state }: { state: LiveState }) {
  const t = useTranslations("risk.list.live");
  return (
    <p
      className="inline-flex items-center gap-1.5 text-xs text-fg-muted"
      data-testid="risk-live"
      data-state={state}
    >
      <span
        aria-hidden="true"
        className={cn(
          "size-2 rounded-full",
          state === "live" ? "bg-success" : state === "offline" ? "bg-warning" : "bg-fg-muted",
        )}
      />
      {t(state)}
    </p>
  );
}

/** The risk queue: URL-driven filters, keyset "Load more", and live refresh when a signal raises a case. */
export function RiskCaseList({ initialFilters, initialPage, options }: RiskCaseListProps) {
  const t = useTranslations("risk.list");
  const tCommon = useTranslations("risk.common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useQueryStates(riskFilterParsers, { history: "push" });
  const [updated, setUpdated] = useState<ReadonlySet<string>>(new Set());

  const query = useInfiniteQuery(
    trpc.risk.list.infiniteQueryOptions(riskListInput(filters), {
      getNextPageParam: (page) => page.nextCursor,
      initialData: sameRiskFilters(filters, initialFilters)
        ? { pages: [initialPage], pageParams: [null] }
        : undefined,
      placeholderData: keepPreviousData,
    }),
  );

  const onBurst = useCallback(
    (caseIds: ReadonlySet<string>) => {
      void queryClient.invalidateQueries({ queryKey: trpc.risk.list.pathKey() });
      setUpdated((previous) => new Set([...previous, ...caseIds]));
    },
    [queryClient, trpc],
  );
  const live = useLiveRiskEvents(onBurst);
  useEffect(() => {
    if (updated.size === 0) return;
    const timer = setTimeout(() => setUpdated(new Set()), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [updated]);

  const cases = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-label={t("title")} className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <CaseFilterBar
          filters={filters}
          options={options}
          onChange={(next) => void setFilters(next)}
          onClear={() => void setFilters(null)}
        />
        <LiveIndicator state={live} />
      </div>

      {query.isError ? (
        <ErrorNotice
          message={tCommon("loadFailed")}
          retryLabel={tCommon("retry")}
          onRetry={() => void query.refetch()}
        />
      ) : null}

      <CaseTable
        cases={cases}
        loading={query.isPending}
        stale={query.isPlaceholderData}
        updated={updated}
        emptyText={isFiltered(filters) ? t("emptyFiltered") : t("empty")}
      />

      <div className="flex items-center justify-between gap-4 text-xs text-fg-muted">
        <p aria-live="polite" data-testid="risk-count">
          {t("shown", { count: cases.length })}
        </p>
        {query.hasNextPage ? (
          <Button size="sm" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {query.isFetchingNextPage ? <Spinner className="size-3.5" /> : null}
            {query.isFetchingNextPage ? t("loadingMore") : t("loadMore")}
          </Button>
        ) : query.isSuccess && cases.length > 0 ? (
          <p>{t("end")}</p>
        ) : null}
      </div>
    </section>
  );
}
