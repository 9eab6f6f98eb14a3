"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { OverrideEditor } from "./override-editor";
import { ScheduleEditor } from "./schedule-editor";
import { SwapEditor } from "./swap-editor";
import type { ScheduleSummary, ScheduleTimeline } from "./types";

const KIND_TONE = { rotation: "neutral", swap: "accent", override: "warning", gap: "danger" } as const;

/** One schedule: who is on call now and next, gaps flagged, and the 14-day timeline on demand. */
export function ScheduleCard({
  schedule,
  canManage,
  userId,
}: {
  schedule: ScheduleSummary;
  canManage: boolean;
  userId: string;
}) {
  const t = useTranslations("oncall");
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [swapping, setSwapping] = useState(false);
  const when = (date: Date) =>
    format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone: schedule.timezone });

  return (
    <Card className="p-4" data-testid="oncall-schedule">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold break-words">{schedule.name}</h3>
        <span className="text-xs text-fg-muted">{t("timezone", { zone: schedule.timezone })}</span>
      </div>
      <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs text-fg-muted uppercase">{t("nowOnCall")}</dt>
          <dd className="font-medium" data-testid="oncall-now">
            {schedule.now ? schedule.now.name : t("nobody")}
            {schedule.now ? (
              <span className="block text-xs font-normal text-fg-muted">
                {t("until", { time: when(schedule.now.until) })}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-fg-muted uppercase">{t("nextOnCall")}</dt>
          <dd className="font-medium">
            {schedule.next ? schedule.next.name : t("nobody")}
            {schedule.next ? (
              <span className="block text-xs font-normal text-fg-muted">
                {t("from", { time: when(schedule.next.start) })}
              </span>
            ) : null}
          </dd>
        </div>
      </dl>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
        <Badge tone={schedule.gapsNext14Days > 0 ? "danger" : "success"}>
          {t("gaps", { count: schedule.gapsNext14Days })}
        </Badge>
        <span className="flex flex-wrap gap-2">
          {canManage ? (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setEditing(!editing)}
              aria-expanded={editing}
            >
              {editing ? t("editor.close") : t("editor.edit")}
            </Button>
          ) : null}
          <Button
            variant="secondary"
            size="sm"
            onClick={() => setSwapping(!swapping)}
            aria-expanded={swapping}
          >
            {swapping ? t("swap.close") : t("swap.open")}
          </Button>
          <Button variant="secondary" size="sm" onClick={() => setOpen(!open)} aria-expanded={open}>
            {open ? t("hideTimeline") : t("showTimeline")}
          </Button>
        </span>
      </div>
      {editing ? (
        <div className="mt-3 flex flex-col gap-4 border-t border-border pt-3">
          <ScheduleEditor key={schedule.version} schedule={schedule} />
          <OverrideEditor scheduleId={schedule.id} />
        </div>
      ) : null}
      {swapping ? (
        <div className="mt-3 border-t border-border pt-3">
          <SwapEditor scheduleId={schedule.id} when={when} myUserId={userId} />
        </div>
      ) : null}
      {open ? <Timeline scheduleId={schedule.id} when={when} /> : null}
    </Card>
  );
}

function Timeline({ scheduleId, when }: { scheduleId: string; when: (date: Date) => string }) {
  const t = useTranslations("oncall");
  const trpc = useTRPC();
  const [from] = useState(() => new Date());
  const timeline = useQuery(trpc.oncall.timeline.queryOptions({ scheduleId, from, days: 14 }));
  const data: ScheduleTimeline | undefined = timeline.data;
  if (!data) return null;
  return (
    <ol
      className="mt-3 flex flex-col gap-1 border-t border-border pt-3 text-sm"
      data-testid="oncall-timeline"
    >
      {data.segments.map((segment) => (
        <li
          key={segment.start.toISOString()}
          className="flex flex-col gap-0.5 rounded px-2 py-1 sm:flex-row sm:items-center sm:justify-between"
        >
          <span className="flex items-center gap-2">
            <Badge tone={KIND_TONE[segment.kind]}>{t(`kind.${segment.kind}`)}</Badge>
            <span className="font-medium">{segment.person?.name ?? t("nobody")}</span>
          </span>
          <span className="text-xs text-fg-muted">
            {when(segment.start)} – {when(segment.end)}
          </span>
        </li>
      ))}
    </ol>
  );
}
