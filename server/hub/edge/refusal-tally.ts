/** One source's refusals of one failure class since the last flush. */
export interface RefusalCount {
  source: string;
  failureClass: string;
  count: number;
}

export interface RefusalTally {
  /** Counts one refusal; the counts are written within `delayMs`, many refusals in one statement. */
  note(source: string, failureClass: string): void;
  /** Writes what is counted now (on shutdown). */
  flush(): Promise<void>;
}

/**
 * Refusals counted in memory and written together after a short delay: a storm of bad signatures costs one
 * statement a second, not a write per request.
 */
export function refusalTally(
  write: (counts: RefusalCount[]) => Promise<void>,
  onError: (error: unknown) => void,
  delayMs = 1_000,
): RefusalTally {
  let counts = new Map<string, RefusalCount>();
  let timer: NodeJS.Timeout | null = null;
  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const taken = [...counts.values()];
    counts = new Map();
    if (taken.length > 0) await write(taken).catch(onError);
  };
  return {
    note(source, failureClass) {
      const key = `${source}\u0000${failureClass}`;
      const entry = counts.get(key) ?? { source, failureClass, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
      timer ??= setTimeout(() => void flush(), delayMs).unref();
    },
    flush,
  };
}
