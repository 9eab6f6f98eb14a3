import { randomUUID } from "node:crypto";

const HEADER = "x-request-id";
const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Reuses a caller's request id when it looks sane, otherwise makes one. */
export function correlationIdFrom(headers: Pick<Headers, "get">): string {
  const given = headers.get(HEADER);
  return given && SAFE_ID.test(given) ? given : randomUUID();
}

export const CORRELATION_HEADER = HEADER;
