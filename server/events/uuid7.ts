import { randomFillSync } from "node:crypto";

// UUIDv7 (time-ordered), as Prisma's @default(uuid(7)) makes, for rows written in SQL and the edge's receipts:
// inserts land at the right edge of their unique index instead of all over it. The random bits are drawn a few
// kilobytes at a time: one call into the system per 400 ids rather than one per id, which showed in profiles of
// batch writes.

const pool = Buffer.alloc(4_000);
let used = pool.length;

export function uuid7(now: number = Date.now()): string {
  if (used + 10 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(now, 0, 6);
  pool.copy(bytes, 6, used, used + 10);
  used += 10;
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
