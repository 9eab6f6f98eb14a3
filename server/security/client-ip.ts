// The caller's address for per-address limits. Next sets X-Forwarded-For from the socket only when absent, so
// behind no proxy a caller may write it: the right-most entry is the one the nearest proxy (ours) appended.
// Per-account and per-client limits do not depend on it. Null when nothing names the address (a handler called
// in-process, as the tests do): such a request is limited per account or client only.
export function clientIp(headers: Pick<Headers, "get">): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  if (last) return last.slice(0, 64);
  return headers.get("x-real-ip")?.trim().slice(0, 64) || null;
}
