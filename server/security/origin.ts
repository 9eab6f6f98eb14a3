// CSRF defence for state-changing calls made with the session cookie: the browser names the page that sent
// the request (Origin, or Sec-Fetch-Site where Origin is absent), and it must be this console.

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Same origin as the request's host (X-Forwarded-Host behind a proxy, else Host) or as the configured public
 * URL (NEXTAUTH_URL). An opaque origin ("null") or a request naming no origin at all is refused, unless the
 * browser says through Sec-Fetch-Site that the request is its own (same-origin, or typed by the user).
 */
export function isSameOriginRequest(headers: Pick<Headers, "get">, publicUrl?: string): boolean {
  const origin = headers.get("origin");
  if (!origin) return ["same-origin", "none"].includes(headers.get("sec-fetch-site") ?? "");
  if (origin === "null") return false;
  const host = hostOf(origin);
  if (!host) return false;
  if (publicUrl && new URL(publicUrl).origin === new URL(origin).origin) return true;
  const requestHost = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return requestHost !== null && requestHost.toLowerCase() === host.toLowerCase();
}
