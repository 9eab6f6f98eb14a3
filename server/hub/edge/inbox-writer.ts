import type { InboxReceipt, NewInboundEvent } from "../inbox-repository.ts";

// Group commit for the inbox: requests arriving within a few milliseconds share one INSERT, so at thousands of
// requests a second the database does tens of commits, not thousands. A request's promise settles only after
// the statement holding its rows has committed. If a shared statement fails, each request is retried alone, so
// one request's bad row (say, a string PostgreSQL cannot store) fails that request only.

export interface InboxWriterOptions {
  /** Rows per statement; one request's rows are never split, so a larger request goes alone. */
  maxRows: number;
  /** How long the first queued request waits for company before its statement is sent. */
  maxWaitMs: number;
  /** Statements in flight at once (each holds a pool connection). */
  maxConcurrent: number;
}

interface Queued {
  rows: readonly NewInboundEvent[];
  resolve: (receipts: InboxReceipt[]) => void;
  reject: (error: unknown) => void;
}

type Insert = (rows: readonly NewInboundEvent[]) => Promise<InboxReceipt[]>;

export class InboxWriter {
  private queue: Queued[] = [];
  private queuedRows = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private idle: (() => void)[] = [];

  constructor(
    private readonly insert: Insert,
    private readonly options: InboxWriterOptions,
  ) {}

  write(rows: readonly NewInboundEvent[]): Promise<InboxReceipt[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.queuedRows += rows.length;
      if (this.queuedRows >= this.options.maxRows) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
    });
  }

  /** Resolves once everything queued so far has been written (for a clean shutdown). */
  drained(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length > 0 && this.inFlight < this.options.maxConcurrent) {
      const group = this.takeGroup();
      this.inFlight += 1;
      void this.run(group).finally(() => {
        this.inFlight -= 1;
        // Whatever queued while this statement ran has waited long enough.
        if (this.queue.length > 0) this.flush();
        else if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private takeGroup(): Queued[] {
    const group: Queued[] = [];
    let rows = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (group.length > 0 && rows + next.rows.length > this.options.maxRows) break;
      group.push(this.queue.shift()!);
      rows += next.rows.length;
    }
    this.queuedRows -= rows;
    return group;
  }

  private async run(group: readonly Queued[]): Promise<void> {
    try {
      const receipts = await this.insert(group.flatMap((queued) => queued.rows));
      let offset = 0;
      for (const queued of group) {
        queued.resolve(receipts.slice(offset, offset + queued.rows.length));
        offset += queued.rows.length;
      }
    } catch (error) {
      if (group.length === 1) group[0]!.reject(error);
      else
        await Promise.all(
          group.map((queued) => this.insert(queued.rows).then(queued.resolve, queued.reject)),
        );
    }
  }
}
