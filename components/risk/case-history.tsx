"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { mitigationTitle } from "@/server/risk/playbook";
import { isRiskResolution } from "@/server/risk/types";
import type { CaseHistoryEntry } from "./types";

const KNOWN_EVENTS = [
  "RiskDetected",
  "RiskAssessed",
  "RiskAcknowledged",
  "RiskEscalated",
  "MitigationPlanned",
  "MitigationStarted",
  "MitigationCompleted",
  "MitigationCancelled",
  "CaseClosed",
  "PiiRevealed",
  "RiskTicketLinked",
] as const;
type KnownEvent = (typeof KNOWN_EVENTS)[number];

const isKnownEvent = (action: string): action is KnownEvent =>
  (KNOWN_EVENTS as readonly string[]).includes(action);

function detail(details: unknown, name: string): unknown {
  return typeof details === "object" && details !== null && !Array.isArray(details)
    ? (details as Record<string, unknown>)[name]
    : undefined;
}

/** The case's audit trail (append-only), newest first, each entry with who did it and the gist of what changed. */
export function CaseHistoryPanel({ entries }: { entries: readonly CaseHistoryEntry[] }) {
  const t = useTranslations("risk.case.history");
  const tResolutions = useTranslations("risk.resolutions");
  const format = useFormatter();
  const locale = useLocale() === "ja" ? "ja" : "en";

  function summary(entry: CaseHistoryEntry): string | null {
    const value = (name: string) => detail(entry.details, name);
    const score = value("score");
    const previous = value("previousScore");
    const kind = value("kind");
    const resolution = value("resolution");
    const ticketNumber = value("ticketNumber");
    if (entry.action === "RiskAssessed" && typeof score === "number" && typeof previous === "number") {
      return t("scoreChange", { from: previous, to: score });
    }
    if (entry.action === "RiskDetected" && typeof score === "number") return t("score", { score });
    if (typeof kind === "string") return mitigationTitle(kind, locale);
    if (isRiskResolution(resolution)) return tResolutions(resolution);
    if (typeof ticketNumber === "number") return `#${ticketNumber}`;
    return null;
  }

  function actor(entry: CaseHistoryEntry): string {
    if (entry.actorType === "user") return entry.actorName ?? entry.actorId ?? t("system");
    return entry.actorType === "api_client" ? t("apiClient") : t("system");
  }

  return (
    <Card className="p-4" data-testid="risk-history">
      <h2 className="text-sm font-semibold">{t("title")}</h2>
      <p className="text-xs text-fg-muted">{t("description")}</p>
      {entries.length === 0 ? (
        <p className="mt-3 text-sm text-fg-muted">{t("empty")}</p>
      ) : (
        <ol className="mt-3 divide-y divide-border text-sm">
          {entries.map((entry) => {
            const text = summary(entry);
            return (
              <li
                key={entry.seq}
                className="flex flex-wrap items-baseline gap-x-3 py-1.5"
                data-testid="risk-history-entry"
                data-action={entry.action}
              >
                <time
                  dateTime={entry.occurredAt.toISOString()}
                  className="w-32 shrink-0 text-xs text-fg-muted tabular-nums"
                >
                  {format.dateTime(entry.occurredAt, "precise")}
                </time>
                <span className="font-medium">
                  {isKnownEvent(entry.action) ? t(`events.${entry.action}`) : entry.action}
                </span>
                {text ? <span className="text-fg-muted">{text}</span> : null}
                <span className="ml-auto text-xs text-fg-muted">{t("by", { name: actor(entry) })}</span>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
