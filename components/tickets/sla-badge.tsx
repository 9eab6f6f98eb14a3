"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useNow } from "@/components/lib/use-now";
import { cn } from "@/components/ui/cn";
import { durationParts, readSla, serverReading, type SlaTone } from "./sla";
import type { SlaInfo } from "./types";

const TONE_CLASSES: Record<SlaTone, string> = {
  ok: "border-success/30 bg-success/10 text-success",
  at_risk: "border-warning/40 bg-warning/15 text-warning",
  breached: "border-danger/40 bg-danger/10 text-danger",
  paused: "border-border bg-surface-muted text-fg-muted",
  stopped: "border-transparent text-fg-muted",
};

/** The text of a countdown, e.g. "3h 12m" or "1時間20分超過"; shared by the queue badge and the detail timers. */
export function useDurationText() {
  const t = useTranslations("tickets.duration");
  return (ms: number) => {
    const { unit, a, b } = durationParts(ms);
    const text = t(unit, { a, b: String(b).padStart(2, "0") });
    return ms < 0 ? t("overdue", { duration: text }) : text;
  };
}

interface SlaBadgeProps {
  sla: Pick<
    SlaInfo,
    "paused" | "dueAt" | "atRiskAt" | "atRisk" | "firstResponseBreached" | "resolutionBreached"
  >;
  className?: string;
}

/** Live countdown to the nearest open SLA deadline, coloured ok → at risk (≥ 75 %) → breached. */
export function SlaBadge({ sla, className }: SlaBadgeProps) {
  const t = useTranslations("tickets.sla");
  const format = useFormatter();
  const duration = useDurationText();
  const now = useNow();
  const reading = now === null ? serverReading(sla) : readSla(sla, now);
  const tone = reading.tone;
  const everBreached = sla.firstResponseBreached || sla.resolutionBreached;
  const text =
    reading.remainingMs !== null
      ? duration(reading.remainingMs)
      : tone === "paused"
        ? t("paused")
        : tone === "stopped"
          ? everBreached
            ? t("missed")
            : t("met")
          : "…";
  const due = sla.dueAt ? format.dateTime(sla.dueAt, "medium") : null;

  return (
    <span
      data-testid="sla-badge"
      data-tone={tone}
      title={due ? t("dueTitle", { due, state: t(`tone.${tone}`) }) : t(`tone.${tone}`)}
      className={cn(
        "inline-flex h-5 items-center gap-1 rounded border px-1.5 text-[11px] font-medium whitespace-nowrap tabular-nums",
        TONE_CLASSES[tone],
        className,
      )}
    >
      <span className="sr-only">{t(`tone.${tone}`)}: </span>
      {text}
    </span>
  );
}
