import type { ReportRow } from "./contract.ts";
import { statistic } from "./statistics.ts";
import type { BacklogAggregateRow, SlaAggregateRow } from "./ticket-report-repository.ts";

// Turning the ticket aggregates into report rows: the same Statistic every report shows.

export function slaRow(row: SlaAggregateRow, label: string): ReportRow {
  return {
    key: row.key,
    label,
    figures: {
      firstResponse: statistic({
        count: row.frCount,
        met: row.frMet,
        excluded: row.cohort - row.frCount,
        p50: row.frP50,
        p90: row.frP90,
        mean: row.frMean,
        total: row.frTotal,
      }),
      resolution: statistic({
        count: row.resCount,
        met: row.resMet,
        excluded: row.cohort - row.resCount,
        p50: row.resP50,
        p90: row.resP90,
        mean: row.resMean,
        total: row.resTotal,
      }),
    },
  };
}

export function backlogRow(row: BacklogAggregateRow, label: string): ReportRow {
  return {
    key: row.key,
    label,
    figures: {
      open: statistic({ count: row.open, p50: row.ageP50, p90: row.ageP90, mean: row.ageMean }),
      age0to1d: statistic({ count: row.age0to1d }),
      age1to3d: statistic({ count: row.age1to3d }),
      age3to7d: statistic({ count: row.age3to7d }),
      age7dPlus: statistic({ count: row.age7dPlus }),
      created: statistic({ count: row.created }),
    },
  };
}
