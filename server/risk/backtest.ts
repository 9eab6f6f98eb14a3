import type { RuleSet } from "./rule-set.ts";
import { scoreCase, type HistorySignal, type ScorableSignal } from "./score.ts";
import { levelRank, type RiskLevel, type RiskResolution } from "./types.ts";

// Replays past cases through a draft rule set before it is published. Both rule sets score the
// same signals and history, so every difference comes from the rule edit; a case's stored
// level can also differ because of older versions or since-added history, reported as drift.

export type BacktestLabel = "false_positive" | "confirmed_fraud";

/** Analysts' closures are the ground truth: a case closed as "mitigated" says nothing about the rules. */
export function labelFromResolution(
  resolution: RiskResolution | null | undefined,
): BacktestLabel | undefined {
  return resolution === "false_positive" || resolution === "confirmed_fraud" ? resolution : undefined;
}

export interface BacktestCase {
  id: string;
  signals: readonly ScorableSignal[];
  /** The subject's earlier signals, for history rules. */
  history?: readonly HistorySignal[];
  currentLevel: RiskLevel;
  label?: BacktestLabel;
}

type LevelTransition = `${RiskLevel}->${RiskLevel}`;

interface BacktestExample {
  id: string;
  label?: BacktestLabel;
  currentLevel: RiskLevel;
  publishedScore: number;
  publishedLevel: RiskLevel;
  draftScore: number;
  draftLevel: RiskLevel;
}

export interface BacktestReport {
  total: number;
  /** Cases whose level differs between the published and the draft rule set. */
  changed: number;
  raised: number;
  lowered: number;
  /** Changed cases per "published->draft" level pair; pairs that did not occur are absent. */
  byTransition: Partial<Record<LevelTransition, number>>;
  /** False positives the published rules put at medium or above and the draft puts below medium (noise removed). */
  falsePositivesNowBelowMedium: number;
  /** Confirmed fraud the published rules put at medium or above and the draft puts below medium (fraud missed). */
  confirmedFraudNowBelowMedium: number;
  labeled: { falsePositive: number; confirmedFraud: number };
  /** Cases whose stored level differs from the published rules' re-score. */
  driftFromCurrent: number;
  /** The first `exampleLimit` changed cases, in input order. */
  examples: BacktestExample[];
}

const DEFAULT_EXAMPLE_LIMIT = 20;

export function backtest(
  draft: Pick<RuleSet, "rules" | "thresholds">,
  published: Pick<RuleSet, "rules" | "thresholds">,
  cases: readonly BacktestCase[],
  options: { exampleLimit?: number } = {},
): BacktestReport {
  const exampleLimit = options.exampleLimit ?? DEFAULT_EXAMPLE_LIMIT;
  const report: BacktestReport = {
    total: cases.length,
    changed: 0,
    raised: 0,
    lowered: 0,
    byTransition: {},
    falsePositivesNowBelowMedium: 0,
    confirmedFraudNowBelowMedium: 0,
    labeled: { falsePositive: 0, confirmedFraud: 0 },
    driftFromCurrent: 0,
    examples: [],
  };
  const medium = levelRank("medium");

  for (const c of cases) {
    const before = scoreCase(published, c.signals, c.history);
    const after = scoreCase(draft, c.signals, c.history);
    if (before.level !== c.currentLevel) report.driftFromCurrent += 1;
    if (c.label === "false_positive") report.labeled.falsePositive += 1;
    if (c.label === "confirmed_fraud") report.labeled.confirmedFraud += 1;

    const droppedBelowMedium = levelRank(before.level) >= medium && levelRank(after.level) < medium;
    if (droppedBelowMedium && c.label === "false_positive") report.falsePositivesNowBelowMedium += 1;
    if (droppedBelowMedium && c.label === "confirmed_fraud") report.confirmedFraudNowBelowMedium += 1;

    if (before.level === after.level) continue;
    report.changed += 1;
    if (levelRank(after.level) > levelRank(before.level)) report.raised += 1;
    else report.lowered += 1;
    const transition: LevelTransition = `${before.level}->${after.level}`;
    report.byTransition[transition] = (report.byTransition[transition] ?? 0) + 1;
    if (report.examples.length < exampleLimit) {
      report.examples.push({
        id: c.id,
        ...(c.label === undefined ? {} : { label: c.label }),
        currentLevel: c.currentLevel,
        publishedScore: before.score,
        publishedLevel: before.level,
        draftScore: after.score,
        draftLevel: after.level,
      });
    }
  }
  return report;
}
