// Binary search in an ascending array: counting the values inside a window costs two probes, not a scan.

/** The index of the first value of `sorted` for which `past` holds (its length when none does). */
function firstWhere(sorted: readonly number[], past: (value: number) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (past(sorted[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The index of the first value of `sorted` not below `value`. */
export const lowerBound = (sorted: readonly number[], value: number) => firstWhere(sorted, (v) => v >= value);

/** The index of the first value of `sorted` above `value`. */
export const upperBound = (sorted: readonly number[], value: number) => firstWhere(sorted, (v) => v > value);
