import { describe, expect, it } from "vitest";
import { POST as tokenRoute } from "../../app/api/oauth/token/route.ts";
import { getDb } from "../../server/db/client.ts";
import { authenticateBearer } from "../../server/integration/oauth.ts";
import { issuedTokenSchema, oauthErrorSchema } from "../../server/integration/token-contract.ts";
import { createApiClient } from "../support/fixtures.ts";

function tokenRequest(params: Record<string, string>, headers: Record<string, string> = {}) {
  return tokenRoute(
    new Request("http://localhost/api/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(params).toString(),
    }),
  );
}

describe("POST /api/oauth/token", () => {
  it("issues a bearer token with the client's scopes, storing only its hash", async () => {
    const client = await createApiClient(["tickets:read", "tickets:write"]);
    const response = await tokenRequest({
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = issuedTokenSchema.parse(await response.json());
    expect(body).toMatchObject({
      token_type: "Bearer",
      scope: "tickets:read tickets:write",
      expires_in: 3600,
    });
    expect(await getDb().apiAccessToken.count({ where: { tokenHash: body.access_token } })).toBe(0);
    const principal = await authenticateBearer(getDb(), `Bearer ${body.access_token}`, "tickets:write");
    expect(principal.clientId).toBe(client.clientId);
  });

  it("accepts HTTP Basic client authentication and narrows to the asked scope", async () => {
    const client = await createApiClient(["tickets:read", "tickets:write"]);
    const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64");
    const response = await tokenRequest(
      { grant_type: "client_credentials", scope: "tickets:read" },
      { authorization: `Basic ${basic}` },
    );
    const body = (await response.json()) as { access_token: string; scope: string };
    expect(body.scope).toBe("tickets:read");
    await expect(
      authenticateBearer(getDb(), `Bearer ${body.access_token}`, "tickets:write"),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("refuses a wrong secret with 401 invalid_client", async () => {
    const client = await createApiClient(["tickets:read"]);
    const response = await tokenRequest({
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: "wrong",
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });

  it("refuses Basic credentials that are not valid percent-encoding with 400, not 500", async () => {
    const basic = Buffer.from("client%ED%A0%80:secret").toString("base64");
    const response = await tokenRequest(
      { grant_type: "client_credentials" },
      { authorization: `Basic ${basic}` },
    );
    expect(response.status).toBe(400);
    expect(oauthErrorSchema.parse(await response.json())).toMatchObject({
      error: "invalid_request",
      error_description: expect.stringMatching(/percent-encoding/),
    });
  });

  it("names the problem for bad requests", async () => {
    const client = await createApiClient(["tickets:read"]);
    const cases: [Record<string, string>, string, RegExp][] = [
      [
        { grant_type: "password", client_id: client.clientId, client_secret: client.clientSecret },
        "unsupported_grant_type",
        /client_credentials/,
      ],
      [{ client_id: client.clientId, client_secret: client.clientSecret }, "invalid_request", /grant_type/],
      [{ grant_type: "client_credentials", client_secret: "x" }, "invalid_request", /client_id/],
      [
        {
          grant_type: "client_credentials",
          client_id: client.clientId,
          client_secret: client.clientSecret,
          scope: "tickets:write",
        },
        "invalid_scope",
        /tickets:write/,
      ],
      [
        {
          grant_type: "client_credentials",
          client_id: client.clientId,
          client_secret: client.clientSecret,
          scope: "root",
        },
        "invalid_scope",
        /root/,
      ],
    ];
    for (const [params, error, description] of cases) {
      const response = await tokenRequest(params);
      expect(response.status).toBe(400);
      const body = oauthErrorSchema.parse(await response.json());
      expect(body.error).toBe(error);
      expect(body.error_description).toMatch(description);
    }
  });

  it("rejects missing, unknown and expired bearer tokens", async () => {
    const db = getDb();
    await expect(authenticateBearer(db, null, "tickets:read")).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(authenticateBearer(db, "Bearer nope", "tickets:read")).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const client = await createApiClient(["tickets:read"]);
    const response = await tokenRequest({
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    const { access_token } = (await response.json()) as { access_token: string };
    const later = new Date(Date.now() + 2 * 3600 * 1000);
    await expect(
      authenticateBearer(db, `Bearer ${access_token}`, "tickets:read", later),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
