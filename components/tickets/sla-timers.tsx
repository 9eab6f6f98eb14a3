"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useNow } from "@/components/lib/use-now";
import { cn } from "@/components/ui/cn";
import { readSla, serverReading, type SlaTone } from "./sla";
import { useDurationText } from "./sla-badge";
import type { TicketDetail } from "./types";

const TONE_TEXT: Record<SlaTone, string> = {
  ok: "text-success",
  at_risk: "text-warning",
  breached: "text-danger",
  paused: "text-fg-muted",
  stopped: "text-fg-muted",
};

interface TargetProps {
  kind: "firstResponse" | "resolution";
  dueAt: Date | null;
  stoppedAt: Date | null;
  breached: boolean;
  ticket: TicketDetail;
}

function SlaTarget({ kind, dueAt, stoppedAt, breached, ticket }: TargetProps) {
  const t = useTranslations("tickets.sla");
  const format = useFormatter();
  const duration = useDurationText();
  const now = useNow();
  const { sla } = ticket;
  // Only the nearest running target has a known at-risk instant; the other cannot be at risk before it.
  const nearest = dueAt !== null && sla.dueAt !== null && dueAt.getTime() === sla.dueAt.getTime();
  const times = {
    paused: sla.paused,
    dueAt,
    atRiskAt: nearest ? sla.atRiskAt : null,
    atRisk: nearest && sla.atRisk,
  };
  const reading = stoppedAt !== null ? null : now === null ? serverReading(times) : readSla(times, now);
  const when = (date: Date) => format.dateTime(date, "medium");

  let state: string;
  let tone: SlaTone;
  if (stoppedAt !== null) {
    tone = breached ? "breached" : "ok";
    state = t(breached ? "missedAt" : "metAt", { time: when(stoppedAt) });
  } else if (reading === null || reading.remainingMs === null) {
    tone = reading?.tone ?? "stopped";
    state = t(`tone.${tone}`);
  } else {
    tone = reading.tone;
    state = duration(reading.remainingMs);
  }

  return (
    <div data-testid={`sla-${kind}`} data-tone={tone} data-stopped={stoppedAt !== null}>
      <dt className="text-xs font-medium text-fg-muted">{t(kind)}</dt>
      <dd className="mt-0.5 flex flex-wrap items-baseline justify-between gap-x-2">
        <span className={cn("text-sm font-semibold tabular-nums", TONE_TEXT[tone])}>{state}</span>
        {dueAt && stoppedAt === null ? (
          <span className="text-xs text-fg-muted">{t("due", { time: when(dueAt) })}</span>
        ) : null}
      </dd>
      {kind === "firstResponse" && stoppedAt === null ? (
        <p className="mt-1 text-xs text-fg-muted">{t("firstReplyStops")}</p>
      ) : null}
    </div>
  );
}

/** First response and resolution clocks: live countdown, met/missed once stopped, paused while pending. */
export function SlaTimers({ ticket }: { ticket: TicketDetail }) {
  const t = useTranslations("tickets.sla");
  return (
    <section aria-labelledby="sla-heading">
      <h2 id="sla-heading" className="mb-2 text-xs font-semibold tracking-wide text-fg-muted uppercase">
        {t("heading")}
        {ticket.sla.paused ? (
          <span className="ml-2 font-normal normal-case">· {t("pausedWhilePending")}</span>
        ) : null}
      </h2>
      <dl className="space-y-3">
        <SlaTarget
          kind="firstResponse"
          dueAt={ticket.sla.firstResponseDueAt}
          stoppedAt={ticket.firstRespondedAt}
          breached={ticket.sla.firstResponseBreached}
          ticket={ticket}
        />
        <SlaTarget
          kind="resolution"
          dueAt={ticket.sla.resolutionDueAt}
          stoppedAt={ticket.resolvedAt}
          breached={ticket.sla.resolutionBreached}
          ticket={ticket}
        />
      </dl>
    </section>
  );
}
