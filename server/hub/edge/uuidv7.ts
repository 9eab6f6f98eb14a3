import { randomFillSync } from "node:crypto";

// Receipt ids are UUIDv7 like Prisma's @default(uuid(7)) (the edge writes without Prisma): time-ordered, so
// inserts land at the right edge of the unique index instead of all over it.
const bytes = Buffer.alloc(16);

export function uuidv7(now = Date.now()): string {
  randomFillSync(bytes, 6, 10);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
