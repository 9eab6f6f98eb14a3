import type { Db } from "../db/client.ts";
import { edgeRuntime } from "../hub/edge/edge-runtime.ts";
import { answerWebRequest } from "../hub/edge/listener.ts";
import { issueClientCredentialsToken } from "../integration/oauth.ts";
import { DEMO_API_CLIENT } from "./demo-accounts.ts";
import { demoHubEvents, demoSchemaFailure, type CancelledOrders } from "./demo-hub-events.ts";
import { hashString, Rng } from "./random.ts";

// DEMO DATA ONLY. Each tick of the demo feed, the other units' events (demo-hub-events.ts) go through the event
// hub's own edge, in process: the core of POST /api/operations/events, as the demo integration client with a
// bearer token, so they are authenticated, checked, stored, counted and then routed exactly as a sender's are.

const EVENTS_URL = "http://localhost/api/operations/events";
// A token is reused until a minute before it expires.
const TOKEN_MARGIN_MS = 60_000;

interface FeedState {
  tick: number;
  rng: Rng;
  cancelled: CancelledOrders;
  token?: { value: string; until: number };
}

const globalForFeed = globalThis as unknown as { opsDemoHubFeed?: FeedState };

async function bearer(db: Db, state: FeedState, now: number): Promise<string> {
  if (state.token && state.token.until > now) return state.token.value;
  const issued = await issueClientCredentialsToken(db, {
    clientId: DEMO_API_CLIENT.clientId,
    clientSecret: DEMO_API_CLIENT.clientSecret,
    scope: "events:write",
  });
  state.token = { value: issued.access_token, until: now + issued.expires_in * 1000 - TOKEN_MARGIN_MS };
  return state.token.value;
}

async function send(token: string, body: unknown, contentType: string): Promise<number> {
  const request = new Request(EVENTS_URL, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": contentType },
    body: JSON.stringify(body),
  });
  return (await answerWebRequest(request, edgeRuntime().deps)).status;
}

/** One tick: this tick's events as one batch; on the process's first tick, the day's schema failure too. */
export async function runDemoHubFeed(db: Db, now: Date) {
  const state = (globalForFeed.opsDemoHubFeed ??= {
    tick: 0,
    rng: new Rng(hashString(`demo hub feed ${now.getTime()}`)),
    cancelled: [],
  });
  const token = await bearer(db, state, now.getTime());
  const statuses: number[] = [];
  if (state.tick === 0)
    statuses.push(await send(token, demoSchemaFailure(now), "application/cloudevents+json"));
  const events = demoHubEvents(state.tick, now, state.rng, state.cancelled);
  statuses.push(await send(token, events, "application/cloudevents-batch+json"));
  state.tick += 1;
  return { demo: true, events: events.length, statuses };
}
