import { sha256Hex } from "../../auth/hash.ts";
import type { ApiPrincipal } from "../../integration/oauth.ts";
import { isAppError } from "../../lib/errors.ts";

// A verified bearer token is remembered (by the hash of its header) for a few seconds, so the edge's hot path
// does not read the token table per request. The price: a revoked or expired token, or a disabled client, keeps
// working for at most the TTL (5 s by default). Refusals are remembered too, so a flood of bad tokens costs one
// read each per TTL; a database failure is not remembered.

interface Entry {
  expiresAt: number;
  principal: Promise<ApiPrincipal>;
}

export class BearerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly verify: (authorization: string) => Promise<ApiPrincipal>,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  authenticate(authorization: string): Promise<ApiPrincipal> {
    const key = sha256Hex(authorization);
    const now = this.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.principal;
    if (this.entries.size >= this.maxEntries) this.evictExpired(now);
    const principal = this.verify(authorization);
    this.entries.set(key, { expiresAt: now + this.ttlMs, principal });
    principal.catch((error: unknown) => {
      if (!isAppError(error)) this.entries.delete(key);
    });
    return principal;
  }

  private evictExpired(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
  }
}
