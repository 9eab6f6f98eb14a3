// The statistics every metric reports: how many items were measured (the denominator), how many met the target
// (the numerator), how many of the cohort were left out and why, and the distribution (p50, p90, mean).

export interface Statistic {
  /** Items decided (measured, or past their target while still running): the denominator of pctMet. */
  count: number;
  /** Items that met the target (or matched the rate's condition); null when the metric has no target. */
  met: number | null;
  /** met / count in percent, one decimal; null without a target or without items. */
  pctMet: number | null;
  /** Items of the cohort not measured (clock still running, no stop event). */
  excluded: number;
  p50: number | null;
  p90: number | null;
  mean: number | null;
  /** Sum of the measured values (alert minutes over a period); null without values. */
  total: number | null;
}

/** Linear interpolation between closest ranks, as PostgreSQL's percentile_cont does. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}

function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

function pct(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : round1((numerator / denominator) * 100);
}

export interface Measured {
  /** The measured duration or level; null while the clock still runs. */
  value: number | null;
  /**
   * null: no target, or not decided yet; false: missed it (a clock still running past its target is already
   * decided); true: met it.
   */
  met: boolean | null;
}

/** Decided items are the denominator; the distribution is over the measured values alone. */
export function summarize(items: readonly Measured[], targeted: boolean): Statistic {
  const values = items.flatMap((item) => (item.value === null ? [] : [item.value])).sort((a, b) => a - b);
  const decided = items.filter((item) => item.value !== null || item.met === false);
  const met = targeted ? decided.filter((item) => item.met === true).length : null;
  const mean = values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
  return {
    count: decided.length,
    met,
    pctMet: met === null ? null : pct(met, decided.length),
    excluded: items.length - decided.length,
    p50: round1(percentile(values, 0.5)),
    p90: round1(percentile(values, 0.9)),
    mean: round1(mean),
    total: values.length === 0 ? null : round1(values.reduce((sum, v) => sum + v, 0)),
  };
}

type Num = number | string | null;
const num = (value: Num): number | null => (value === null ? null : round1(Number(value)));

/** A Statistic from counts and aggregates computed elsewhere (SQL); numeric strings are read as numbers. */
export function statistic(fields: {
  count: number;
  met?: number | null;
  excluded?: number;
  p50?: Num;
  p90?: Num;
  mean?: Num;
  total?: Num;
}): Statistic {
  const met = fields.met ?? null;
  return {
    count: fields.count,
    met,
    pctMet: met === null ? null : pct(met, fields.count),
    excluded: fields.excluded ?? 0,
    p50: num(fields.p50 ?? null),
    p90: num(fields.p90 ?? null),
    mean: num(fields.mean ?? null),
    total: num(fields.total ?? null),
  };
}
