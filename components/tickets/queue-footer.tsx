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
      <p
        role="status"
        data-testid="queue-notice"
        className={cn("min-w-0 flex-1 truncate", notice?.tone === "error" ? "text-danger" : "text-fg")}
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
