"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { FieldDiffList } from "./field-diff-list";
import type { TicketWithTimeline } from "./types";
import type { Attempt, Conflict } from "./use-ticket-writes";

function useAttemptText() {
  const t = useTranslations("tickets");
  return (attempt: Attempt): string => {
    if (attempt.kind === "assignToMe") return t("conflict.attempt.assignToMe");
    if (attempt.kind === "comment") return t(`conflict.attempt.${attempt.visibility}`);
    const { status, priority, category, assigneeId } = attempt.change;
    if (status)
      return t("conflict.attempt.field", { field: t("fields.status"), value: t(`status.${status}`) });
    if (priority) return t("conflict.attempt.field", { field: t("fields.priority"), value: priority });
    if (category)
      return t("conflict.attempt.field", { field: t("fields.category"), value: t(`category.${category}`) });
    return assigneeId === null ? t("conflict.attempt.unassign") : t("conflict.attempt.assign");
  };
}

interface ConflictBannerProps {
  conflict: Conflict;
  error: string | null;
  busy: boolean;
  onReload: () => void;
  onReapply: () => void;
}

/** A write was refused because someone changed the ticket first: what changed, then reload or re-apply. */
export function ConflictBanner({ conflict, error, busy, onReload, onReapply }: ConflictBannerProps) {
  const t = useTranslations("tickets.conflict");
  const attemptText = useAttemptText();
  return (
    <div
      role="alert"
      data-testid="conflict-banner"
      className="rounded-lg border border-danger/40 bg-danger/5 p-4 text-fg"
    >
      <div className="flex items-start gap-3">
        <AlertIcon className="mt-0.5 size-5 shrink-0 text-danger" />
        <div className="min-w-0 flex-1 space-y-2">
          <p className="font-semibold">{t("title")}</p>
          <p className="text-sm text-fg-muted">{t("notSaved", { change: attemptText(conflict.attempt) })}</p>
          <FieldDiffList seen={conflict.seen} current={conflict.current} />
          {error ? <p className="text-sm text-danger">{error}</p> : null}
          <div className="flex flex-wrap gap-2 pt-1">
            <Button
              size="sm"
              variant="primary"
              onClick={onReload}
              disabled={busy}
              data-testid="conflict-reload"
            >
              {t("reload")}
            </Button>
            <Button size="sm" onClick={onReapply} disabled={busy} data-testid="conflict-reapply">
              {busy ? <Spinner className="size-3.5" /> : null}
              {t("reapply")}
            </Button>
          </div>
        </div>
      </div>
    </div>
  );
}

interface UpdatedNoticeProps {
  shown: TicketWithTimeline;
  newer: TicketWithTimeline;
  onShow: () => void;
}

/** Someone else changed the open ticket: say what, and let the user bring the screen up to date. */
export function UpdatedNotice({ shown, newer, onShow }: UpdatedNoticeProps) {
  const t = useTranslations("tickets.conflict");
  return (
    <div
      role="status"
      data-testid="updated-notice"
      className="rounded-lg border border-accent/40 bg-accent/5 p-3 text-fg"
    >
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1 space-y-1.5">
          <p className="text-sm font-semibold">{t("updatedTitle")}</p>
          <FieldDiffList seen={shown.ticket} current={newer.ticket} />
        </div>
        <Button size="sm" variant="primary" onClick={onShow} data-testid="updated-show">
          {t("showLatest")}
        </Button>
      </div>
    </div>
  );
}
