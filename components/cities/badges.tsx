import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AlertLevel } from "@/server/cities/status";
import type { BalanceStatus } from "@/server/indicators/metrics";
import type { Severity } from "@/server/alerts/rules";

const SEVERITY_TONE: Record<Severity, BadgeTone> = {
  critical: "danger",
  warning: "warning",
  info: "accent",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const t = useTranslations("cities.severity");
  return <Badge tone={SEVERITY_TONE[severity]}>{t(severity)}</Badge>;
}

/** A city's alert level: firing (with the worst severity), pending, or OK. */
export function AlertLevelBadge({ state, severity }: { state: AlertLevel; severity: Severity | null }) {
  const t = useTranslations("cities");
  if (state === "firing") {
    const tone = severity ? SEVERITY_TONE[severity] : "danger";
    return (
      <Badge tone={tone} data-testid="alert-level">
        <span aria-hidden="true" className="mr-1 size-1.5 animate-pulse rounded-full bg-current" />
        {t("alertState.firing")}
        {severity ? ` · ${t(`severity.${severity}`)}` : ""}
      </Badge>
    );
  }
  return (
    <Badge tone={state === "pending" ? "warning" : "success"} data-testid="alert-level">
      {t(`alertState.${state}`)}
    </Badge>
  );
}

export function AlertStateBadge({ state }: { state: "pending" | "firing" | "resolved" }) {
  const t = useTranslations("cities.alertState");
  const tone: BadgeTone = state === "firing" ? "danger" : state === "pending" ? "warning" : "neutral";
  return <Badge tone={tone}>{t(state)}</Badge>;
}

export const BALANCE_TONE: Record<BalanceStatus, string> = {
  balanced: "text-fg",
  shortage: "text-warning",
  no_supply: "text-danger",
};

export function DemoDataBadge() {
  const t = useTranslations("cities");
  return (
    <Badge tone="warning" title={t("demoDataHint")} data-testid="demo-data-badge">
      {t("demoData")}
    </Badge>
  );
}
