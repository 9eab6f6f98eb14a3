import type { SlackConfig } from "./channel-config.ts";
import { outcomeOfHttp } from "./delivery-policy.ts";
import { headline, openLabel } from "./message.ts";
import type { HttpAnswer, HttpRequest, Locale, OutgoingMessage, Outcome } from "./types.ts";

// Slack: an incoming webhook (the secret is the URL) or chat.postMessage with a bot token. Both take the same
// Block Kit message; chat.postMessage answers 200 with {ok:false} on errors, which is read here.

function slackBody(message: OutgoingMessage, locale: Locale) {
  const text = headline(message, locale);
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${text}*` } },
      {
        type: "actions",
        elements: [
          { type: "button", text: { type: "plain_text", text: openLabel(locale) }, url: message.url },
        ],
      },
    ],
  };
}

export function buildSlackRequest(
  message: OutgoingMessage,
  config: SlackConfig,
  secret: string,
  locale: Locale = "en",
): HttpRequest {
  const body = slackBody(message, locale);
  if (config.mode === "webhook") {
    return { url: secret, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  }
  return {
    url: `${config.apiBaseUrl.replace(/\/$/, "")}/chat.postMessage`,
    headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${secret}` },
    body: JSON.stringify({ channel: config.channel, ...body }),
  };
}

/** Errors chat.postMessage reports that a retry cannot cure. */
const PERMANENT_SLACK_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "missing_scope",
]);

export function slackOutcome(answer: HttpAnswer, config: SlackConfig, now: Date): Outcome {
  const outcome = outcomeOfHttp(answer, now);
  if (config.mode === "webhook" || outcome.kind !== "delivered") return outcome;
  let parsed: { ok?: boolean; error?: string; ts?: string };
  try {
    parsed = JSON.parse(answer.body) as typeof parsed;
  } catch {
    return { kind: "retry", error: "Slack answered with no JSON", afterMs: null, response: outcome.response };
  }
  if (parsed.ok) return { ...outcome, receipt: parsed.ts ?? null };
  const error = `Slack: ${parsed.error ?? "unknown error"}`;
  return PERMANENT_SLACK_ERRORS.has(parsed.error ?? "")
    ? { kind: "permanent", error, response: outcome.response }
    : { kind: "retry", error, afterMs: null, response: outcome.response };
}
