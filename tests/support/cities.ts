import { randomBytes } from "node:crypto";
import { getDb } from "../../server/db/client.ts";
import type { IngestPoint } from "../../server/cities/contract.ts";
import { issueClientCredentialsToken } from "../../server/integration/oauth.ts";
import { fixedClock, systemContext } from "../../server/lib/service-context.ts";
import { createApiClient } from "./fixtures.ts";

// Fixtures for the city board's integration tests: cities with fresh codes, bearer tokens, REST calls.

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
// Codes starting with Q are never drawn: tests use them as cities no one knows ("QQX", "QZZ").
const FIRST_LETTERS = LETTERS.replace("Q", "");

const randomLetter = (letters: string, byte: number) => letters.charAt(byte % letters.length);

const randomCode = () =>
  [...randomBytes(3)].map((byte, i) => randomLetter(i === 0 ? FIRST_LETTERS : LETTERS, byte)).join("");

/** A random code no city has yet, for a test whose city appears later (never one starting with Q). */
export async function unusedCityCode(): Promise<string> {
  for (let attempt = 1; attempt <= 20; attempt += 1) {
    const code = randomCode();
    if ((await getDb().city.count({ where: { code } })) === 0) return code;
  }
  throw new Error("unusedCityCode: no free city code after 20 draws");
}

/**
 * A city with a random three-letter code (tests share one database). There are only 16,900 codes and a run
 * makes hundreds of cities, so a code already taken is drawn again.
 */
export async function createCity(name = "Testville") {
  for (let attempt = 1; ; attempt += 1) {
    const inserted = await getDb().city.createManyAndReturn({
      data: { code: randomCode(), name, nameJa: `${name}（テスト）`, latitude: 35, longitude: 139 },
      skipDuplicates: true,
    });
    if (inserted[0]) return inserted[0];
    if (attempt === 20) throw new Error("createCity: no free city code after 20 draws");
  }
}

export async function bearer(scopes: string[]): Promise<string> {
  const client = await createApiClient(scopes);
  const token = await issueClientCredentialsToken(getDb(), { ...client, scope: null });
  return `Bearer ${token.access_token}`;
}

export function ingestRequest(authorization: string, body: unknown): Request {
  return new Request("http://localhost/api/operations/cities/indicators", {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

export const noParams = { params: Promise.resolve({}) };

/** Points as JSON would carry them. */
export function wire(points: IngestPoint[]) {
  return { points: points.map((p) => ({ ...p, bucketStart: p.bucketStart.toISOString() })) };
}

/** `count` consecutive 5-minute points of one metric, ending with the bucket that starts at `last`. */
export function run(
  city: string,
  metric: IngestPoint["metric"],
  last: Date,
  values: number[],
): IngestPoint[] {
  return values.map((value, i) => ({
    city,
    metric,
    bucketStart: new Date(last.getTime() - (values.length - 1 - i) * 300_000),
    value,
  }));
}

/** A system job whose clock stands still at `now`, as the tests drive time by hand. */
export function jobAt(now: Date, correlationId = "cities-test") {
  return systemContext("test", { correlationId, clock: fixedClock(now) });
}
