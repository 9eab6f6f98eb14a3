"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import type { Notice } from "./use-notice";

interface QueueFooterProps {
  shown: number;
  /** The filter's count as shown (it may be a lower bound), null before the summary is known. */
  total: string | null;
  notice: Notice | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onHelp: () => void;
}

export function QueueFooter({
  shown,
  total,
  notice,
  hasMore,
  loadingMore,
  onLoadMore,
  onHelp,
}: QueueFooterProps) {
  const t = useTranslations("tickets.queue");
  return (
    <div className="flex flex-wrap items-center gap-4 text-xs text-fg-muted">
      <p data-testid="queue-count">
        {total === null ? t("shown", { count: shown }) : t("shownOf", { count: shown, total })}
      </p>
      {hasMore ? (
        <Button size="sm" data-testid="queue-load-more" disabled={loadingMore} onClick={onLoadMore}>
          {loadingMore ? <Spinner className="size-3.5" /> : null}
          {loadingMore ? t("loadingMore") : t("loadMore")}
        </Button>
      ) : null}
      <span className="flex-1" />
      {/* Floats over the page: a keyboard action on the first rows must be answered where the user looks. */}
      <p
        role="status"
        data-testid="queue-notice"
        data-tone={notice?.tone}
        className={cn(
          "fixed bottom-6 left-1/2 z-40 max-w-xl -translate-x-1/2 rounded-md border px-4 py-2 text-sm shadow-lg",
          notice === null && "sr-only",
          notice?.tone === "error"
            ? "border-danger/30 bg-surface text-danger"
            : "border-border bg-surface text-fg",
        )}
      >
        {notice?.text}
      </p>
      <button type="button" onClick={onHelp} className="inline-flex items-center gap-1.5 hover:text-fg">
        <kbd className="rounded border border-border px-1 font-mono text-[10px]">?</kbd>
        {t("shortcutsHint")}
      </button>
    </div>
  );
}
