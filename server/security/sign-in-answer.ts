import { parseSignInRefusal } from "./sign-in-throttle.ts";

const SIGN_IN_REFUSED_ERROR = "TooManyAttempts";

/** The refused sign-in's answer: the wait leaves the error code (the client sees only "TooManyAttempts"). */
function rewriteUrl(url: string): { url: string; retryAfterSeconds: number } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const retryAfterSeconds = parseSignInRefusal(parsed.searchParams.get("error"));
  if (retryAfterSeconds === null) return null;
  parsed.searchParams.set("error", SIGN_IN_REFUSED_ERROR);
  return { url: parsed.toString(), retryAfterSeconds };
}

/**
 * next-auth answers a refused credentials sign-in with 401 and `{ url }` (or a redirect without JavaScript).
 * When the refusal is the throttle's, the answer becomes 429 with Retry-After; the redirect keeps its status
 * (a browser must follow it) and gains the header.
 */
export async function answerSignInRefusal(response: Response): Promise<Response> {
  const location = response.headers.get("location");
  if (location) {
    const rewritten = rewriteUrl(location);
    if (!rewritten) return response;
    const headers = new Headers(response.headers);
    headers.set("location", rewritten.url);
    headers.set("retry-after", String(rewritten.retryAfterSeconds));
    return new Response(response.body, { status: response.status, headers });
  }
  if (response.status !== 401 || !response.headers.get("content-type")?.includes("application/json")) {
    return response;
  }
  const body: unknown = await response.clone().json();
  const url =
    typeof body === "object" && body && "url" in body && typeof body.url === "string" ? body.url : null;
  const rewritten = url ? rewriteUrl(url) : null;
  if (!rewritten) return response;
  const headers = new Headers(response.headers);
  headers.set("retry-after", String(rewritten.retryAfterSeconds));
  headers.delete("content-length");
  return new Response(JSON.stringify({ url: rewritten.url }), { status: 429, headers });
}

/** Wraps next-auth's route handler so a throttled sign-in answers 429. */
export function withSignInThrottleAnswer<A extends unknown[]>(
  handler: (req: Request, ...rest: A) => Promise<Response>,
): (req: Request, ...rest: A) => Promise<Response> {
  return async (req, ...rest) => answerSignInRefusal(await handler(req, ...rest));
}
