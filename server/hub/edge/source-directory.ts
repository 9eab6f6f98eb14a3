import { signingSecret, type SigningSecret } from "./signature.ts";
import type { EdgeSourceRow } from "./edge-sources-repository.ts";

// Sources and their secrets, read once per TTL rather than per request. A source paused, resumed or given a new
// secret in the admin screen is seen by the edge within the TTL (5 s by default).

interface EdgeSource {
  key: string;
  paused: boolean;
  secrets: SigningSecret[];
}

export interface SourceSnapshot {
  get(key: string): EdgeSource | undefined;
  /** Secrets to try for a signed request: the named source's first, then every other source's. */
  signingCandidates(hint: string | undefined): SigningSecret[];
}

function snapshotOf(rows: readonly EdgeSourceRow[]): SourceSnapshot {
  const sources = new Map<string, EdgeSource>(
    rows.map((row) => [
      row.key,
      {
        key: row.key,
        paused: row.status === "paused",
        secrets: row.secrets.flatMap(
          (s) => signingSecret(s.id, row.key, s.secret, s.expiresAtMs ?? null) ?? [],
        ),
      },
    ]),
  );
  return {
    get: (key) => sources.get(key),
    signingCandidates: (hint) => {
      const first = hint ? (sources.get(hint)?.secrets ?? []) : [];
      const others = [...sources.values()].filter((s) => s.key !== hint).flatMap((s) => s.secrets);
      return [...first, ...others];
    },
  };
}

export class SourceDirectory {
  private snapshot: SourceSnapshot | null = null;
  private loadedAt = 0;
  private loading: Promise<SourceSnapshot> | null = null;

  constructor(
    private readonly load: () => Promise<EdgeSourceRow[]>,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current snapshot; a stale one is reloaded once, however many requests ask at the same time. */
  async current(): Promise<SourceSnapshot> {
    if (this.snapshot && this.now() - this.loadedAt < this.ttlMs) return this.snapshot;
    this.loading ??= this.load()
      .then((rows) => {
        this.snapshot = snapshotOf(rows);
        this.loadedAt = this.now();
        return this.snapshot;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
