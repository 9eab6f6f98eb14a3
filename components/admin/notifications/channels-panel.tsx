"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrorText } from "@/components/lib/use-mutation-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, EmptyTableRow } from "@/components/ui/data-table";
import { ErrorNotice } from "../error-notice";
import { ChannelForm } from "./channel-form";
import type { ChannelDto } from "./notifications-admin";

/** The configured channels; each can be edited (the secret is never shown, only replaced) or sent a test. */
export function ChannelsPanel({ initial }: { initial: ChannelDto[] }) {
  const t = useTranslations("notificationsAdmin");
  const errorText = useMutationErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listQuery = trpc.notifications.channels.queryOptions(undefined, { initialData: initial });
  const channels = useQuery(listQuery);
  const [editing, setEditing] = useState<ChannelDto | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const testSend = useMutation(
    trpc.notifications.testChannel.mutationOptions({
      onSuccess: (result) => setNotice(t("testQueued", { count: result.queued })),
    }),
  );
  const saved = () => {
    setEditing(null);
    setNotice(t("saved"));
    void queryClient.invalidateQueries({ queryKey: listQuery.queryKey });
  };

  return (
    <section aria-labelledby="notify-channels-title" className="space-y-2">
      <div className="flex items-center justify-between gap-4">
        <h2 id="notify-channels-title" className="text-sm font-semibold">
          {t("channelsTitle")}
        </h2>
        <Button
          size="sm"
          variant="primary"
          data-testid="notify-add-channel"
          onClick={() => setEditing("new")}
        >
          {t("addChannel")}
        </Button>
      </div>
      {notice ? (
        <p role="status" className="text-xs text-fg-muted" data-testid="notify-notice">
          {notice}
        </p>
      ) : null}
      {testSend.isError ? <ErrorNotice message={errorText(testSend.error)} /> : null}
      {editing ? (
        <ChannelForm
          channel={editing === "new" ? null : editing}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <DataTable
        testId="notify-channels"
        caption={t("channelsTitle")}
        columns={
          <>
            <th className="px-3 py-2 font-medium">{t("columns.name")}</th>
            <th className="px-3 py-2 font-medium">{t("columns.kind")}</th>
            <th className="px-3 py-2 font-medium">{t("columns.rate")}</th>
            <th className="px-3 py-2 font-medium">{t("columns.state")}</th>
            <th className="px-3 py-2">
              <span className="sr-only">{t("columns.actions")}</span>
            </th>
          </>
        }
      >
        {channels.data.length === 0 ? (
          <EmptyTableRow colSpan={5} testId="notify-no-channels">
            {t("noChannels")}
          </EmptyTableRow>
        ) : (
          channels.data.map((channel) => (
            <tr key={channel.id} data-testid="notify-channel" className="align-top">
              <td className="px-3 py-2 font-medium">{channel.name}</td>
              <td className="px-3 py-2">{t(`kinds.${channel.kind}`)}</td>
              <td className="px-3 py-2 tabular-nums">{t("perMinute", { count: channel.ratePerMinute })}</td>
              <td className="px-3 py-2">
                {channel.problem ? (
                  <Badge tone="danger" title={channel.problem}>
                    {t("misconfigured")}
                  </Badge>
                ) : (
                  <Badge tone={channel.enabled ? "success" : "neutral"}>
                    {channel.enabled ? t("enabled") : t("disabled")}
                  </Badge>
                )}
              </td>
              <td className="space-x-2 px-3 py-2 text-right whitespace-nowrap">
                <Button size="sm" variant="secondary" onClick={() => setEditing(channel)}>
                  {t("edit")}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={!channel.enabled || testSend.isPending}
                  onClick={() => testSend.mutate({ id: channel.id })}
                >
                  {t("testSend")}
                </Button>
              </td>
            </tr>
          ))
        )}
      </DataTable>
    </section>
  );
}
