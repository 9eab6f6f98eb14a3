"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import type { SourceView } from "@/server/hub/admin/contract";

const DATE_TIME = { dateStyle: "medium", timeStyle: "medium" } as const;

interface SourcesTableProps {
  sources: SourceView[];
  /** The overview's own time, so relative times read the same on the server and in the browser. */
  now: Date;
  busy: boolean;
  onPause: (source: SourceView) => void;
  onResume: (source: SourceView) => void;
  onRotate: (source: SourceView) => void;
}

/** Each source's flow (throughput, lag, last event), backlog by status and failures by class, with its controls. */
export function SourcesTable({ sources, now, busy, onPause, onResume, onRotate }: SourcesTableProps) {
  const t = useTranslations("hub");
  const format = useFormatter();
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <DataTable
      testId="hub-sources"
      caption={t("sourcesCaption")}
      columns={
        <>
          <th className="px-3 py-2 font-medium">{t("columns.source")}</th>
          <th className="px-3 py-2 font-medium">{t("columns.status")}</th>
          <th className="px-3 py-2 text-right font-medium">{t("columns.throughput")}</th>
          <th className="px-3 py-2 text-right font-medium">{t("columns.lag")}</th>
          <th className="px-3 py-2 font-medium">{t("columns.lastEvent")}</th>
          <th className="px-3 py-2 font-medium">{t("columns.counts")}</th>
          <th className="px-3 py-2 font-medium">{t("columns.failures")}</th>
          <th className="px-3 py-2">
            <span className="sr-only">{t("columns.actions")}</span>
          </th>
        </>
      }
    >
      {sources.map((source) => {
        const failures = Object.entries(source.failuresByClass).filter(([, count]) => count > 0);
        const count = (status: string) => source.byStatus[status] ?? 0;
        return (
          <tr
            key={source.key}
            data-testid="hub-source"
            data-source={source.key}
            data-status={source.status}
            className="align-top"
          >
            <td className="px-3 py-2">
              <span className="block font-medium">{source.name}</span>
              <span className="block font-mono text-xs text-fg-muted">{source.key}</span>
              <span className="block text-xs text-fg-muted">
                {t("secrets", { count: source.activeSecrets })}
                {source.nextSecretExpiry
                  ? ` · ${t("secretExpiry", { time: format.relativeTime(source.nextSecretExpiry, now) })}`
                  : null}
              </span>
            </td>
            <td className="space-y-1 px-3 py-2">
              <Badge tone={source.status === "paused" ? "warning" : "success"}>
                {t(`status.${source.status}`)}
              </Badge>
              {source.silentSince ? (
                // The time goes under the badge: on one line it widened the column past the controls.
                <span
                  className="block"
                  data-testid="hub-source-silent"
                  title={t("silentHint", { minutes: Math.round(source.silenceAfterSeconds / 60) })}
                >
                  <Badge tone="danger">{t("silent")}</Badge>
                  <span className="block text-xs text-danger">
                    {t("silentSince", { time: format.relativeTime(source.silentSince, now) })}
                  </span>
                </span>
              ) : null}
            </td>
            <td className="px-3 py-2 text-right text-xs whitespace-nowrap tabular-nums">
              {t("throughput", {
                recent: format.number(source.perMinute15m, { maximumFractionDigits: 1 }),
                day: format.number(source.perMinute24h, { maximumFractionDigits: 2 }),
              })}
            </td>
            <td className="px-3 py-2 text-right tabular-nums">
              {t("seconds", { seconds: source.lagSeconds })}
            </td>
            <td
              className="px-3 py-2 text-xs whitespace-nowrap tabular-nums"
              data-testid="hub-source-last-event"
            >
              {source.lastEventAt ? format.dateTime(source.lastEventAt, DATE_TIME) : t("never")}
            </td>
            <td className="px-3 py-2 text-xs text-fg-muted" data-testid="hub-source-counts">
              {t("countsLine", {
                routed: count("routed"),
                unrouted: count("unrouted"),
                pending: count("pending"),
                held: count("held"),
                dead: count("dead"),
              })}
            </td>
            <td className="px-3 py-2">
              {failures.length === 0 ? (
                <span className="text-xs text-fg-muted">{t("noFailures")}</span>
              ) : (
                <span className="flex flex-wrap gap-1">
                  {failures.map(([failureClass, n]) => (
                    <Badge key={failureClass} tone="danger" data-failure-class={failureClass}>
                      {failureClass} {n}
                    </Badge>
                  ))}
                </span>
              )}
            </td>
            <td className="px-3 py-2">
              <span className="flex justify-end gap-2">
                {source.status === "paused" ? (
                  <Button size="sm" disabled={busy} data-testid="hub-resume" onClick={() => onResume(source)}>
                    {t("resume")}
                  </Button>
                ) : (
                  <Button size="sm" disabled={busy} data-testid="hub-pause" onClick={() => onPause(source)}>
                    {t("pause")}
                  </Button>
                )}
                {/* Two clicks: a rotation starts the old secret's last 24 hours, not to be set off by a slip. */}
                <Button
                  size="sm"
                  variant={confirming === source.key ? "danger" : "ghost"}
                  disabled={busy}
                  data-testid="hub-rotate"
                  onClick={() => {
                    if (confirming !== source.key) return setConfirming(source.key);
                    setConfirming(null);
                    onRotate(source);
                  }}
                  onBlur={() => setConfirming(null)}
                  title={confirming === source.key ? t("rotateConfirmHint") : undefined}
                >
                  {confirming === source.key ? t("rotateConfirm") : t("rotate")}
                </Button>
              </span>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
