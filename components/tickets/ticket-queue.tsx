"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useQueryStates } from "nuqs";
import { useCallback, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ErrorNotice } from "@/components/admin/error-notice";
import { BulkBar } from "./bulk-bar";
import { BulkProgress } from "./bulk-progress";
import { QueueFooter } from "./queue-footer";
import {
  activeFilterCount,
  queueFilterParsers,
  queueInputOf,
  sameFilters,
  type QueueFilters,
} from "./queue-filters";
import { QueueSummary } from "./queue-summary";
import { QueueTable } from "./queue-table";
import { QueueToolbar } from "./queue-toolbar";
import { SavedViewsMenu } from "./saved-views-menu";
import { ShortcutsDialog } from "./shortcuts-dialog";
import type { BulkChange, FilterOptions, QueuePage, SavedView, TicketStatus } from "./types";
import { useBulkUpdate } from "./use-bulk-update";
import { useLiveQueue } from "./use-live-queue";
import { useNotice } from "./use-notice";
import { useQueueKeyboard } from "./use-queue-keyboard";
import { useQueuePresence } from "./use-queue-presence";
import { useSelection } from "./use-selection";
import { conflictOf } from "./conflict";

interface TicketQueueProps {
  /** The filters the server rendered `initialPage` for. */
  initialFilters: QueueFilters;
  initialPage: QueuePage;
  options: FilterOptions;
  savedViews: SavedView[];
  self: { id: string; name: string };
}

export function TicketQueue({ initialFilters, initialPage, options, savedViews, self }: TicketQueueProps) {
  const t = useTranslations("tickets");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useQueryStates(queueFilterParsers, { history: "push" });
  const input = useMemo(() => queueInputOf(filters), [filters]);
  const query = useInfiniteQuery(
    trpc.tickets.queue.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor,
      initialData: sameFilters(filters, initialFilters)
        ? { pages: [initialPage], pageParams: [null] }
        : undefined,
      placeholderData: keepPreviousData,
    }),
  );
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const summary = query.data?.pages[0]?.summary ?? null;
  const { flashes, status: live } = useLiveQueue(input);
  const viewers = useQueuePresence(
    useMemo(() => items.map((item) => item.id), [items]),
    self.id,
  );
  const selection = useSelection(items);
  const { notice, show } = useNotice();
  const format = useFormatter();
  // No row is active until the user moves with j/k or clicks one.
  const [activeIndex, setActiveIndex] = useState(-1);
  const [helpOpen, setHelpOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const refreshQueue = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: trpc.tickets.queue.pathKey() }),
    [queryClient, trpc],
  );
  const bulk = useBulkUpdate(refreshQueue);
  const assign = useMutation(trpc.tickets.assignToMe.mutationOptions({ onSettled: refreshQueue }));

  const change = (patch: Partial<QueueFilters>, opts?: { replace?: boolean }) => {
    // A selection of tickets the new filter no longer shows would be changed unseen.
    selection.clear();
    setActiveIndex(-1);
    void setFilters(patch, { history: opts?.replace ? "replace" : "push" });
  };
  const active = activeIndex < 0 ? undefined : items[Math.min(activeIndex, items.length - 1)];

  function focusRow(index: number) {
    setActiveIndex(index);
    const link = tableRef.current?.querySelector<HTMLAnchorElement>(`[data-row-index="${index}"] a`);
    link?.focus();
    link?.scrollIntoView({ block: "nearest" });
  }

  useQueueKeyboard({
    move: (delta) => {
      if (items.length > 0) focusRow(Math.max(0, Math.min(items.length - 1, activeIndex + delta)));
    },
    open: () => active && router.push(`/tickets/${active.number}`),
    toggleSelection: () => active && selection.toggle(active),
    focusSearch: () => searchRef.current?.focus(),
    showHelp: () => setHelpOpen(true),
    assignToMe: () => {
      if (!active) return;
      assign.mutate(
        { id: active.id, version: active.version },
        {
          onSuccess: () => show({ tone: "info", text: t("queue.assigned", { number: active.number }) }),
          onError: (error) =>
            show({
              tone: "error",
              text: conflictOf(error) ? t("queue.assignConflict", { number: active.number }) : error.message,
            }),
        },
      );
    },
  });

  // Failures stay selected, so the user can fix the cause and try them again.
  async function applyBulk(bulkChange: BulkChange) {
    const results = await bulk.start(selection.tickets(), bulkChange);
    selection.keep(new Set(results.filter((result) => !result.ok).map((result) => result.id)));
  }

  const toggleStatus = (status: TicketStatus) => {
    const current = filters.status ?? [];
    const next = current.includes(status) ? current.filter((s) => s !== status) : [...current, status];
    change({ status: next.length > 0 ? next : null });
  };

  return (
    <section aria-label={t("queue.title")} className="space-y-3">
      <QueueToolbar
        filters={filters}
        onChange={change}
        options={options}
        searchRef={searchRef}
        leading={
          <SavedViewsMenu filters={filters} initialViews={savedViews} onApply={(next) => change(next)} />
        }
      />
      <QueueSummary
        summary={summary}
        selected={filters.status}
        breachedOnly={filters.sla === "breached"}
        live={live}
        onStatus={toggleStatus}
        onBreached={() => change({ sla: filters.sla === "breached" ? null : "breached" })}
      />
      {query.isError ? (
        <ErrorNotice
          message={t("queue.loadFailed")}
          retryLabel={t("queue.retry")}
          onRetry={() => void query.refetch()}
        />
      ) : null}
      {selection.size > 0 ? (
        <BulkBar
          count={selection.size}
          selfId={self.id}
          options={options}
          busy={bulk.run?.running ?? false}
          onClear={selection.clear}
          onApply={(bulkChange) => void applyBulk(bulkChange)}
        />
      ) : null}
      {bulk.run ? <BulkProgress run={bulk.run} onStop={bulk.stop} onDismiss={bulk.dismiss} /> : null}
      <div ref={tableRef}>
        <QueueTable
          items={items}
          loading={query.isPending}
          stale={query.isPlaceholderData}
          activeIndex={activeIndex}
          selected={selection.ids}
          flashes={flashes}
          viewers={viewers}
          showTeam={options.teams.length > 1}
          emptyText={activeFilterCount(filters) > 0 ? t("queue.emptyFiltered") : t("queue.empty")}
          onToggle={selection.toggle}
          onToggleAll={selection.setAll}
          onActivate={setActiveIndex}
        />
      </div>
      <QueueFooter
        shown={items.length}
        total={summary ? format.number(summary.total) : null}
        notice={notice}
        hasMore={query.hasNextPage}
        loadingMore={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        onHelp={() => setHelpOpen(true)}
      />
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </section>
  );
}
