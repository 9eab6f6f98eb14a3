"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import type {
  DeadLetterRow,
  DryRunResult,
  HubOverview,
  RotatedSecret,
  SourceView,
} from "@/server/hub/admin/contract";
import { ErrorNotice } from "../error-notice";
import { DeadLetterFilters, type HubFilter } from "./dead-letter-filters";
import { DeadLettersTable } from "./dead-letters-table";
import { DryRunPanel } from "./dry-run-panel";
import { RotatedSecretPanel } from "./rotated-secret";
import { SourcesTable } from "./sources-table";

const REFRESH_MS = 3_000;
const DEAD_LETTER_LIMIT = 100;

interface EventHubProps {
  initial: HubOverview;
  initialDead: DeadLetterRow[];
}

/**
 * The hub's sources and dead letters, polled every few seconds. A replay always goes through a dry run first:
 * the admin sees what each event would produce and then confirms.
 */
export function EventHub({ initial, initialDead }: EventHubProps) {
  const t = useTranslations("hub");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<HubFilter>({ status: "dead" });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [plan, setPlan] = useState<DryRunResult | null>(null);
  const [rotated, setRotated] = useState<RotatedSecret | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const overviewQuery = trpc.hub.overview.queryOptions(undefined, {
    initialData: initial,
    refetchInterval: REFRESH_MS,
  });
  const overview = useQuery(overviewQuery);
  const deadInput = { ...filter, limit: DEAD_LETTER_LIMIT };
  const isInitialFilter = !filter.source && !filter.type && !filter.failureClass && filter.status === "dead";
  const deadQuery = trpc.hub.deadLetters.queryOptions(deadInput, {
    initialData: isInitialFilter ? { rows: initialDead } : undefined,
    refetchInterval: REFRESH_MS,
  });
  const dead = useQuery(deadQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.hub.pathKey() });

  const dryRun = useMutation(trpc.hub.dryRun.mutationOptions({ onSuccess: setPlan }));
  const replay = useMutation(
    trpc.hub.replay.mutationOptions({
      onSuccess: (result) => {
        setPlan(null);
        setSelected(new Set());
        const skipped = (plan?.rows.length ?? 0) - result.replayed;
        setNotice(
          t("replayed", {
            count: result.replayed,
            skipped: Math.max(0, skipped),
            remaining: result.remainingThisMinute,
          }),
        );
        void refresh();
      },
    }),
  );
  const sourceAction = (kind: "paused" | "resumed") => ({
    onSuccess: (result: { source: string; rows: number }) => {
      setNotice(t(kind, { source: result.source, count: result.rows }));
      void refresh();
    },
  });
  const pause = useMutation(trpc.hub.pause.mutationOptions(sourceAction("paused")));
  const resume = useMutation(trpc.hub.resume.mutationOptions(sourceAction("resumed")));
  const rotate = useMutation(
    trpc.hub.rotateSecret.mutationOptions({
      onSuccess: (result) => {
        setRotated(result);
        void refresh();
      },
    }),
  );

  const failed = [dryRun, replay, pause, resume, rotate].find((mutation) => mutation.isError);
  // A failed refresh keeps the last figures on screen: say so rather than show them as current.
  const loadError = overview.error ?? dead.error;
  const busy = [dryRun, replay, pause, resume, rotate].some((mutation) => mutation.isPending);
  const rows = dead.data?.rows ?? [];
  const startDryRun = (chosen: DeadLetterRow[]) =>
    dryRun.mutate({ receiptIds: chosen.map((row) => row.receiptId) });
  const toggle = (receiptId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(receiptId)) next.add(receiptId);
      return next;
    });
  const onSource = (action: typeof pause) => (source: SourceView) => action.mutate({ source: source.key });

  return (
    <div className="space-y-6">
      {failed?.error ? <ErrorNotice message={errorText(failed.error)} /> : null}
      {loadError ? <ErrorNotice message={t("loadFailed", { message: errorText(loadError) })} /> : null}
      {notice ? (
        <p role="status" className="text-xs text-fg-muted" data-testid="hub-notice">
          {notice}
        </p>
      ) : null}
      <section aria-labelledby="hub-sources-title" className="space-y-2">
        <div className="flex items-center justify-between gap-4">
          <h2 id="hub-sources-title" className="text-sm font-semibold">
            {t("sourcesTitle")}
          </h2>
          <span className="text-xs text-fg-muted">{t("liveNote", { seconds: REFRESH_MS / 1000 })}</span>
        </div>
        {rotated ? <RotatedSecretPanel rotated={rotated} onDone={() => setRotated(null)} /> : null}
        <SourcesTable
          sources={overview.data.sources}
          now={overview.data.at}
          busy={busy}
          onPause={onSource(pause)}
          onResume={onSource(resume)}
          onRotate={(source) => rotate.mutate({ source: source.key, overlapHours: 24 })}
        />
      </section>
      <section aria-labelledby="hub-dead-title" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <h2 id="hub-dead-title" className="text-sm font-semibold">
            {t("deadTitle")}
          </h2>
          <Button
            size="sm"
            variant="primary"
            data-testid="hub-dry-run-selected"
            disabled={selected.size === 0 || busy}
            onClick={() => startDryRun(rows.filter((row) => selected.has(row.receiptId)))}
          >
            {t("dryRunSelected", { count: selected.size })}
          </Button>
        </div>
        <DeadLetterFilters
          value={filter}
          onChange={(next) => {
            setFilter(next);
            setSelected(new Set());
          }}
        />
        {plan ? (
          <DryRunPanel
            result={plan}
            busy={busy}
            // Rows the dry run says would fail again are left dead rather than sent round once more.
            onConfirm={() =>
              replay.mutate({
                receiptIds: plan.rows.filter((row) => row.outcome !== "invalid").map((row) => row.receiptId),
              })
            }
            onCancel={() => setPlan(null)}
          />
        ) : null}
        <DeadLettersTable
          rows={rows}
          selected={selected}
          onToggle={toggle}
          onReplay={startDryRun}
          busy={busy || dead.isFetching}
        />
      </section>
    </div>
  );
}
