import { getDb } from "../../server/db/client.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { createApiClient } from "./fixtures.ts";

// The workflow REST routes called as an integration calls them: a client-credentials bearer token, a JSON body,
// the route's params; the answer's status and parsed body.

type Handler<P> = (req: Request, route: { params: Promise<P> }) => Promise<Response>;

export async function call<P>(
  handler: Handler<P>,
  init: { method: string; url: string; token: string; body?: unknown; params: P },
) {
  const headers = new Headers({ "content-type": "application/json", authorization: `Bearer ${init.token}` });
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const response = await handler(
    new Request(`http://localhost${init.url}`, { method: init.method, headers, body }),
    {
      params: Promise.resolve(init.params),
    },
  );
  // Bodies are read field by field by the tests; the envelope and the views have their own schema tests.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** A new API client with these scopes and a token of it (OAuth2 client credentials). */
export async function integrationWith(scopes: string[]) {
  const client = await createApiClient(scopes);
  const token = (await issueClientCredentialsToken(getDb(), { ...client, scope: null })).access_token;
  return { clientId: client.clientId, token };
}

export async function tokenWith(scopes: string[]) {
  return (await integrationWith(scopes)).token;
}
