import type { Tx } from "../db/transaction.ts";
import { groupBy } from "../lib/group-by.ts";
import type { SignalInput } from "./contract.ts";
import { ackDueAt, queueFor } from "./escalation.ts";
import type { CaseWork } from "./ingest-plan.ts";
import { parseContributions } from "./json.ts";
import {
  loadSignalsOfCases,
  loadSignalsOfSubjects,
  loadSignalTimesOfCases,
  subjectKey,
  type Assessment,
} from "./repository.ts";
import { historyWindowHours, type RuleSet } from "./rule-set.ts";
import {
  scoreCase,
  storedMatches,
  type HistorySignal,
  type ScorableSignal,
  type ScoredSignals,
} from "./score.ts";

// The scoring step of an ingest (ingest.ts): every case the batch touches, scored in its transaction with what
// the case holds, the batch's new signals and the subject's history.

const HOUR_MS = 3_600_000;

export interface Scored {
  work: CaseWork;
  signals: SignalInput[];
  assessment: Assessment;
}

interface Stored {
  /** The case's signals as history rules read them. */
  own: HistorySignal[];
  /** Those to count again, attributes and all; none when `counted` holds their count. */
  whole: ScorableSignal[];
  counted?: ScoredSignals;
}

/**
 * What each touched case holds already. A case last scored under the published version brings its signals by
 * type and time only, its attribute rules' matches read from its stored contributions: re-reading every signal's
 * attributes made each new signal cost more than the one before. A case scored under another version, or whose
 * contributions are not the scorer's, brings its signals whole, to be counted again.
 */
async function loadStored(tx: Tx, ruleSet: RuleSet, works: readonly CaseWork[]): Promise<Stored[]> {
  const matchesOf = new Map(
    works.flatMap(({ existing }) => {
      if (existing?.ruleSetVersion !== ruleSet.version) return [];
      const contributions = parseContributions(existing.contributions);
      return contributions ? [[existing.id, storedMatches(contributions)] as const] : [];
    }),
  );
  const recounted = works.flatMap(({ existing }) =>
    existing && !matchesOf.has(existing.id) ? [existing.id] : [],
  );
  const times = await loadSignalTimesOfCases(tx, [...matchesOf.keys()]);
  const signals = await loadSignalsOfCases(tx, recounted);
  return works.map(({ existing }) => {
    if (!existing) return { own: [], whole: [] };
    const matches = matchesOf.get(existing.id);
    if (!matches) {
      const whole = signals.get(existing.id) ?? [];
      return { own: whole, whole };
    }
    const own = times.get(existing.id) ?? [];
    return { own, whole: [], counted: { signals: own, matches } };
  });
}

/** Scores every touched case: its stored signals, the batch's new ones, and the subject's history. */
export async function scoreWorks(
  tx: Tx,
  ruleSet: RuleSet,
  works: readonly CaseWork[],
  now: Date,
): Promise<Scored[]> {
  const stored = await loadStored(tx, ruleSet, works);
  const candidates = works.map((work, index) => {
    const signals = work.items.map((item) => item.signal);
    return { work, signals, ...stored[index]!, subject: subjectKey(signals[0]!) };
  });
  const lookback = historyWindowHours(ruleSet) * HOUR_MS;
  const times = candidates.flatMap((c) => [...c.own, ...c.signals].map((s) => s.observedAt.getTime()));
  const earliest = times.reduce((min, t) => Math.min(min, t), Infinity);
  const latest = times.reduce((max, t) => Math.max(max, t), -Infinity);
  const subjects = [...new Map(candidates.map((c) => [c.subject, c.signals[0]!])).values()];
  const scoredCases = works.flatMap((w) => (w.existing ? [w.existing.id] : []));
  const loaded =
    lookback > 0 && times.length > 0
      ? await loadSignalsOfSubjects(
          tx,
          subjects,
          new Date(earliest - lookback),
          new Date(latest),
          scoredCases,
        )
      : null;
  // The loaded history leaves out every case scored here (each holds its own signals already), so a case gets its
  // subject's other scored cases back from what was read for them: all of it lies inside the loaded window.
  const bySubject = groupBy(candidates, (c) => c.subject);
  const historyOf = (candidate: (typeof candidates)[number]): HistorySignal[] =>
    loaded === null
      ? []
      : [
          ...(loaded.get(candidate.subject) ?? []),
          ...(bySubject.get(candidate.subject) ?? []).flatMap((other) =>
            other === candidate ? [] : other.own,
          ),
        ];
  return candidates.map((candidate) => {
    const { work, signals, whole, counted } = candidate;
    const result = scoreCase(ruleSet, [...whole, ...signals], historyOf(candidate), counted);
    const openedAt = work.existing?.openedAt ?? now;
    return {
      work,
      signals,
      assessment: {
        score: result.score,
        level: result.level,
        contributions: result.contributions,
        ruleSetVersion: ruleSet.version,
        queue: queueFor(result.level),
        ackDueAt: ackDueAt(result.level, openedAt),
      },
    };
  });
}
