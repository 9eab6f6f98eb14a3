import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { MitigationStatus, RiskCaseStatus, RiskLevel } from "@/server/risk/types";

const LEVEL_TONES: Record<RiskLevel, BadgeTone> = {
  critical: "danger",
  high: "warning",
  medium: "accent",
  low: "neutral",
};
const STATUS_TONES: Record<RiskCaseStatus, BadgeTone> = {
  open: "accent",
  mitigating: "warning",
  closed: "neutral",
};
const ACTION_TONES: Record<MitigationStatus, BadgeTone> = {
  todo: "neutral",
  in_progress: "warning",
  completed: "success",
  cancelled: "neutral",
};

export function LevelBadge({ level }: { level: RiskLevel }) {
  const t = useTranslations("risk.levels");
  return (
    <Badge tone={LEVEL_TONES[level]} data-level={level}>
      {t(level)}
    </Badge>
  );
}

export function CaseStatusBadge({ status }: { status: RiskCaseStatus }) {
  const t = useTranslations("risk.statuses");
  return <Badge tone={STATUS_TONES[status]}>{t(status)}</Badge>;
}

export function ActionStatusBadge({ status }: { status: MitigationStatus }) {
  const t = useTranslations("risk.actionStatuses");
  return <Badge tone={ACTION_TONES[status]}>{t(status)}</Badge>;
}

/** A score with a thin bar, so a column of scores reads at a glance. */
export function ScoreMeter({ score, level }: { score: number; level: RiskLevel }) {
  const colour = { critical: "bg-danger", high: "bg-warning", medium: "bg-accent", low: "bg-fg-muted" }[
    level
  ];
  return (
    <span className="inline-flex items-center gap-2">
      <span className="w-7 text-right font-medium tabular-nums">{score}</span>
      <span aria-hidden="true" className="h-1.5 w-12 overflow-hidden rounded-full bg-surface-muted">
        <span className={`block h-full ${colour}`} style={{ width: `${score}%` }} />
      </span>
    </span>
  );
}
