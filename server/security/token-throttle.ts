import { OAuthError } from "../integration/oauth.ts";
import { throttles, type LimitName } from "./rate-limits.ts";
import { noteRefusal } from "./too-many-requests.ts";

async function admit(limit: Extract<LimitName, "token_ip" | "token_client">, key: string): Promise<void> {
  const { decision } = await throttles()[limit].consume(key);
  if (decision.allowed) return;
  noteRefusal(limit, decision.retryAfterSeconds);
  throw new OAuthError(
    "temporarily_unavailable",
    `Too many token requests: retry after ${decision.retryAfterSeconds} s.`,
    429,
    decision.retryAfterSeconds,
  );
}

/** Per address, before the request is even read: a flood of unreadable requests is limited too. */
export function admitTokenAddress(ip: string | null): Promise<void> {
  return ip ? admit("token_ip", ip) : Promise.resolve();
}

/**
 * Per client id, whatever the outcome, known id or not: an unknown id is limited as a known one is, so the
 * answers do not tell which ids exist.
 */
export function admitTokenClient(clientId: string): Promise<void> {
  return admit("token_client", clientId.slice(0, 200));
}
