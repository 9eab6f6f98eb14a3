"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useQueryStates } from "nuqs";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { auditFilterParsers, auditListInput, sameAuditFilters, type AuditFilters } from "./audit-filters";
import { AuditFilterForm } from "./audit-filter-form";
import { AuditTable } from "./audit-table";
import type { AuditPage } from "./audit-types";
import { ErrorNotice } from "./error-notice";

interface AuditLogProps {
  /** The filters the server rendered `initialPage` for. */
  initialFilters: AuditFilters;
  initialPage: AuditPage;
}

/** The audit trail, newest first: URL-driven filters, then keyset "Load more" through audit.list's cursor. */
export function AuditLog({ initialFilters, initialPage }: AuditLogProps) {
  const t = useTranslations("admin.audit");
  const trpc = useTRPC();
  const [filters, setFilters] = useQueryStates(auditFilterParsers, { history: "push" });
  const query = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(auditListInput(filters), {
      getNextPageParam: (page) => page.nextCursor,
      initialData: sameAuditFilters(filters, initialFilters)
        ? { pages: [initialPage], pageParams: [null] }
        : undefined,
      placeholderData: keepPreviousData,
    }),
  );
  const entries = query.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filters.entityType !== null || filters.entityId !== null;

  return (
    <section aria-label={t("title")} className="space-y-4">
      <AuditFilterForm filters={filters} onApply={(next) => void setFilters(next)} />

      {query.isError ? (
        <ErrorNotice message={t("loadFailed")} retryLabel={t("retry")} onRetry={() => void query.refetch()} />
      ) : null}

      <AuditTable
        entries={entries}
        loading={query.isPending}
        stale={query.isPlaceholderData}
        emptyText={filtered ? t("emptyFiltered") : t("empty")}
      />

      <div className="flex items-center justify-between gap-4 text-xs text-fg-muted">
        <p aria-live="polite" data-testid="audit-count">
          {t("shown", { count: entries.length })}
        </p>
        {query.hasNextPage ? (
          <Button
            size="sm"
            data-testid="audit-load-more"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? <Spinner className="size-3.5" /> : null}
            {query.isFetchingNextPage ? t("loadingMore") : t("loadMore")}
          </Button>
        ) : query.isSuccess && entries.length > 0 ? (
          <p>{t("end")}</p>
        ) : null}
      </div>
    </section>
  );
}
