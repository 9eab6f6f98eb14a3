"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, EmptyTableRow } from "@/components/ui/data-table";
import { ErrorNotice } from "../error-notice";
import type { OutboxDto } from "./notifications-admin";

const REFRESH_MS = 5_000;
const TONES: Record<string, BadgeTone> = {
  queued: "neutral",
  sending: "accent",
  delivered: "success",
  retrying: "warning",
  dead: "danger",
  cancelled: "neutral",
};

/** Outbox depth by state, recent deliveries (or only dead letters), and a redrive of the dead ones. */
export function OutboxPanel({ initial }: { initial: OutboxDto }) {
  const t = useTranslations("notificationsAdmin");
  const format = useFormatter();
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [deadOnly, setDeadOnly] = useState(false);
  const input = deadOnly ? { status: "dead" as const, limit: 100 } : { limit: 100 };
  const outboxQuery = trpc.notifications.outbox.queryOptions(input, {
    ...(deadOnly ? {} : { initialData: initial }),
    refetchInterval: REFRESH_MS,
  });
  const outbox = useQuery(outboxQuery);
  const data = outbox.data ?? initial;
  const redrive = useMutation(
    trpc.notifications.redrive.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.notifications.outbox.pathKey() }),
    }),
  );
  const deadIds = data.deliveries.filter((row) => row.status === "dead").map((row) => row.id);

  return (
    <section aria-labelledby="notify-outbox-title" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h2 id="notify-outbox-title" className="text-sm font-semibold">
          {t("outboxTitle")}
        </h2>
        <div className="flex flex-wrap gap-2 text-xs" data-testid="notify-depth">
          {(Object.entries(data.depth) as [OutboxDto["deliveries"][number]["status"], number][]).map(
            ([status, count]) => (
              <Badge key={status} tone={TONES[status] ?? "neutral"}>
                {t(`status.${status}`)} {count}
              </Badge>
            ),
          )}
        </div>
        <div className="flex gap-2">
          <Button
            size="sm"
            variant="secondary"
            onClick={() => setDeadOnly((v) => !v)}
            data-testid="notify-dead-only"
          >
            {deadOnly ? t("showAll") : t("showDead")}
          </Button>
          <Button
            size="sm"
            variant="primary"
            disabled={deadIds.length === 0 || redrive.isPending}
            onClick={() => redrive.mutate({ ids: deadIds })}
            data-testid="notify-redrive"
          >
            {t("redrive", { count: deadIds.length })}
          </Button>
        </div>
      </div>
      {redrive.isError ? <ErrorNotice message={errorText(redrive.error)} /> : null}
      <DataTable
        testId="notify-outbox"
        caption={t("outboxTitle")}
        busy={outbox.isFetching}
        columns={
          <>
            <th className="px-3 py-2 font-medium">{t("columns.message")}</th>
            <th className="px-3 py-2 font-medium">{t("columns.channel")}</th>
            <th className="px-3 py-2 font-medium">{t("columns.recipient")}</th>
            <th className="px-3 py-2 font-medium">{t("columns.state")}</th>
            <th className="px-3 py-2 font-medium">{t("columns.updated")}</th>
          </>
        }
      >
        {data.deliveries.length === 0 ? (
          <EmptyTableRow colSpan={5} testId="notify-no-deliveries">
            {t("noDeliveries")}
          </EmptyTableRow>
        ) : (
          data.deliveries.map((row) => (
            <tr key={row.id} data-testid="notify-delivery" data-status={row.status} className="align-top">
              <td className="max-w-md px-3 py-2">
                <span className="block font-medium break-words">{row.title}</span>
                <span className="block font-mono text-xs text-fg-muted">
                  {row.objectType}/{row.objectId} · {row.action}
                </span>
              </td>
              <td className="px-3 py-2">{row.channelName ?? t(`kinds.${row.channelKind}`)}</td>
              <td className="px-3 py-2">{row.recipientName ?? "—"}</td>
              <td className="px-3 py-2">
                <Badge tone={TONES[row.status] ?? "neutral"}>{t(`status.${row.status}`)}</Badge>
                <span className="block text-xs text-fg-muted">{t("attempts", { count: row.attempts })}</span>
                {row.lastError ? (
                  <span className="block text-xs break-words text-danger">{row.lastError}</span>
                ) : null}
                {row.cancelReason ? (
                  <span
                    className="block text-xs break-words text-fg-muted"
                    data-testid="notify-cancel-reason"
                  >
                    {t("cancelReason", { reason: row.cancelReason })}
                  </span>
                ) : null}
                {row.receipt ? (
                  <span className="block font-mono text-xs text-fg-muted">{row.receipt}</span>
                ) : null}
              </td>
              <td className="px-3 py-2 text-xs whitespace-nowrap tabular-nums">
                {format.dateTime(row.updatedAt, "precise")}
              </td>
            </tr>
          ))
        )}
      </DataTable>
    </section>
  );
}
