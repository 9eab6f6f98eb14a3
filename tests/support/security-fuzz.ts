import fc from "fast-check";
import { resolveSchema, type RestCall, type RestEndpoint, type Schema } from "./security-routes.ts";

// Malformed requests for one REST route, drawn from its OpenAPI operation: broken and random JSON, a field of the
// wrong type, huge strings, escapes that are not UTF-8 in path segments and query strings, unknown parameters and
// wrong content types. Every request carries the caller's credentials, so the route's own parsing is what answers.

/** A case: what it tries (for the failure message) and the request. */
export interface FuzzCase {
  kind: string;
  call: RestCall;
}

/** Escapes and characters that name nothing: not UTF-8, truncated, a lone surrogate, traversal, controls. */
const BAD_SEGMENTS = [
  "%ED%A0%80",
  "%C0%AF",
  "%FF%FE",
  "%E0%A4%A",
  "%",
  "%%",
  "%zz",
  "%00",
  "\uD800",
  "\uDFFF",
  "..",
  "../../etc/passwd",
  "\u0000",
  "a%2Fb",
  " ",
  "x".repeat(5_000),
] as const;

const HUGE = 200_000;

/** Values of every JSON type (and then some), to put where the schema wants another. */
const WRONG_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -9007199254740993,
  "",
  "not-what-you-want",
  "2026-13-45T25:61:00Z",
  "\u0000",
  "\uD800",
  "🍣".repeat(50),
  [],
  [null],
  {},
  { nested: { deeper: [1, "2", null] } },
];

/** Strings of the formats and patterns the contract uses, so a wrong-type case is more often the only fault. */
const PLAUSIBLE_STRINGS: Record<string, string> = {
  uuid: "0190f5b2-7c1e-7a3b-9c4d-5e6f7a8b9c0d",
  "date-time": "2026-03-02T12:05:00Z",
  "^[A-Z]{3}$": "OSA",
};

/** A value the schema would probably accept: the base the wrong-type cases change one field of. */
function plausible(node: Schema, depth = 0): unknown {
  const schema = resolveSchema(node);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice?.[0]) return plausible(choice[0], depth);
  // All of them at once: the parts' fields together (an envelope and the typed event it carries).
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => plausible(part, depth)));
  switch (schema.type) {
    case "object":
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, property]) => [
          name,
          depth > 4 ? null : plausible(property, depth + 1),
        ]),
      );
    case "array":
      return schema.items && depth <= 4 ? [plausible(schema.items, depth + 1)] : [];
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return PLAUSIBLE_STRINGS[schema.format ?? schema.pattern ?? ""] ?? "text";
  }
}

/** Every path to a field in `value` (objects and arrays), the root included. */
function fieldPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const children = Array.isArray(value)
    ? value.map((item, i) => [i, item] as const)
    : value && typeof value === "object"
      ? Object.entries(value)
      : [];
  return [prefix, ...children.flatMap(([key, child]) => fieldPaths(child, [...prefix, key]))];
}

function withValueAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head!] = withValueAt(copy[head!], rest, replacement);
  return copy;
}

const jsonText = (value: unknown) => JSON.stringify(value);

/** Text that is not JSON, or only nearly. */
const brokenJson = fc.oneof(
  fc.constantFrom("", " ", "{", "}", "[", "{]", '{"a":', '{"a" 1}', "{'a':1}", "[1,2,]", '{"a":1,}', "NaN"),
  fc.constantFrom("undefined", "\uFEFF{}", "{}{}", "nul", '"unterminated', "0x10", "1e99999", "--1"),
  fc.string({ maxLength: 200 }),
  fc.jsonValue().map((value) => jsonText(value).slice(0, -1)),
);

/** Query strings: escapes that are not UTF-8, unknown names, repeated names, values of the wrong shape. */
function queryArbitrary(endpoint: RestEndpoint): fc.Arbitrary<string> {
  const names = [...endpoint.queryParams.map((p) => p.name), "unknown", "__proto__", "constructor", "a[b]"];
  const value = fc.oneof(
    fc.constantFrom(...BAD_SEGMENTS).map(encodeLoosely),
    fc.constantFrom(
      "-1",
      "0",
      "1e309",
      "NaN",
      "true",
      "null",
      "[]",
      "{}",
      "2026-99-99",
      "P1,,P9",
      ",",
      "%2C",
    ),
    fc.string({ maxLength: 60 }).map(encodeURIComponent),
    fc.constant("y".repeat(HUGE)),
  );
  const pair = fc.tuple(fc.oneof(fc.constantFrom(...names), fc.constantFrom(...BAD_SEGMENTS)), value);
  return fc
    .array(pair, { minLength: 1, maxLength: 4 })
    .map((pairs) => pairs.map(([name, v]) => `${encodeLoosely(name)}=${v}`).join("&"));
}

/** Percent-encodes what a URL cannot carry raw but keeps `%` as it is, so malformed escapes survive. */
function encodeLoosely(text: string): string {
  return text.replace(/[^\w.~%!$'()*,;:@/-]/gu, (c) => {
    try {
      return encodeURIComponent(c);
    } catch {
      return c;
    }
  });
}

const WRONG_CONTENT_TYPES = [
  "text/plain",
  "application/xml",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "application/json-patch+json-but-not",
  "json",
  "application/",
  ";",
  "",
] as const;

/** Raw bytes that are not UTF-8. */
const INVALID_UTF8 = [
  [0xff, 0xfe, 0xfd],
  [0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d],
  [0xed, 0xa0, 0x80],
  [0x22, 0xe0, 0xa4],
].map((bytes) => new Uint8Array(bytes));

/**
 * The malformed requests for `endpoint`: bodies only where the method takes one, path cases only where the
 * route has parameters. `headers` are the caller's credentials; `params` valid-looking path parameters.
 */
export function fuzzCases(
  endpoint: RestEndpoint,
  options: { headers: Record<string, string>; params: Record<string, string>; count: number; seed: number },
): FuzzCase[] {
  const { headers, params } = options;
  const mediaTypes = Object.keys(endpoint.bodies);
  const mediaType = mediaTypes[0] ?? "application/json";
  const bodySchema = endpoint.bodies[mediaType];
  const base = bodySchema ? plausible(bodySchema) : {};
  const paths = fieldPaths(base);
  const withType = (type: string) => ({ ...headers, "content-type": type });
  const send = (kind: string, call: RestCall): FuzzCase => ({ kind, call: { params, ...call } });

  const kinds: fc.Arbitrary<FuzzCase>[] = [
    queryArbitrary(endpoint).map((query) =>
      send("query", { query, headers: withType(mediaType), body: "{}" }),
    ),
    fc.constantFrom(...WRONG_CONTENT_TYPES, null).map((type) =>
      send(`content-type ${type}`, {
        headers: type === null ? headers : withType(type),
        body: jsonText(base),
      }),
    ),
  ];
  if (endpoint.pathParams.length > 0) {
    const badParams = fc.record(
      Object.fromEntries(
        endpoint.pathParams.map((p) => [
          p.name,
          fc.oneof(fc.constant(params[p.name]!), fc.constantFrom(...BAD_SEGMENTS)),
        ]),
      ),
    );
    kinds.push(
      badParams.map((bad) => send("path", { params: bad, headers: withType(mediaType), body: "{}" })),
    );
  }
  if (endpoint.method !== "get") {
    const json = (kind: string, body: fc.Arbitrary<NonNullable<RestCall["body"]>>) =>
      body.map((text) => send(kind, { headers: withType(mediaType), body: text }));
    kinds.push(
      json("random JSON", fc.jsonValue({ maxDepth: 4 }).map(jsonText)),
      json("broken JSON", brokenJson),
      json("invalid UTF-8", fc.constantFrom(...INVALID_UTF8)),
      json(
        "wrong type",
        fc
          .tuple(fc.constantFrom(...paths), fc.constantFrom(...WRONG_VALUES))
          .map(([path, wrong]) => jsonText(withValueAt(base, path, wrong))),
      ),
      json(
        "huge string",
        fc
          .tuple(fc.constantFrom(...paths), fc.constantFrom(HUGE, 1_100_000))
          .map(([path, length]) => jsonText(withValueAt(base, path, "z".repeat(length)))),
      ),
      json(
        "deep nesting",
        fc.integer({ min: 1_000, max: 5_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
      ),
    );
  }
  return fc.sample(fc.oneof(...kinds), { numRuns: options.count, seed: options.seed });
}

/**
 * Malformed token requests: form bodies with escapes that are not UTF-8, missing or repeated fields, JSON in
 * place of the form, Basic credentials that do not decode, wrong content types.
 */
export function tokenFuzzCases(options: { count: number; seed: number }): FuzzCase[] {
  const form = "application/x-www-form-urlencoded";
  const field = fc.oneof(
    fc.constantFrom(...BAD_SEGMENTS).map(encodeLoosely),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
    fc.constant("q".repeat(HUGE)),
  );
  const name = fc.constantFrom(
    "grant_type",
    "client_id",
    "client_secret",
    "scope",
    "unknown",
    "%ED%A0%80",
    "",
  );
  const formBody = fc
    .array(fc.tuple(name, field), { maxLength: 5 })
    .map((pairs) => pairs.map(([n, v]) => `${n}=${v}`).join("&"));
  const basic = fc.oneof(
    fc.constantFrom(
      "Basic",
      "Basic ",
      "Basic !!!",
      "Basic Og==",
      "Basic =",
      "Bearer x",
      "Basic " + "A".repeat(HUGE),
    ),
    fc.string({ maxLength: 40 }).map((text) => `Basic ${Buffer.from(text).toString("base64")}`),
    fc
      .constantFrom(...BAD_SEGMENTS)
      .map((text) => `Basic ${Buffer.from(`${text}:${text}`).toString("base64")}`),
  );
  const credentials = fc
    .tuple(
      field,
      field,
      fc.oneof(
        fc.constant(""),
        field.map((scope) => `&scope=${scope}`),
      ),
    )
    .map(
      ([id, secret, scope]) =>
        `grant_type=client_credentials&client_id=${id}&client_secret=${secret}${scope}`,
    );
  const kinds: fc.Arbitrary<FuzzCase>[] = [
    formBody.map((body) => ({ kind: "form", call: { headers: { "content-type": form }, body } })),
    credentials.map((body) => ({ kind: "credentials", call: { headers: { "content-type": form }, body } })),
    fc.tuple(basic, formBody).map(([authorization, body]) => ({
      kind: "basic",
      call: { headers: { "content-type": form, authorization }, body },
    })),
    fc.oneof(fc.jsonValue().map(jsonText), brokenJson).map((body) => ({
      kind: "JSON",
      call: { headers: { "content-type": "application/json" }, body },
    })),
    fc.tuple(fc.constantFrom(...WRONG_CONTENT_TYPES, null), formBody).map(([type, body]): FuzzCase => ({
      kind: `content-type ${type}`,
      call: { headers: type === null ? {} : { "content-type": type }, body },
    })),
    fc.constantFrom(...INVALID_UTF8).map((body) => ({
      kind: "invalid UTF-8",
      call: { headers: { "content-type": form }, body },
    })),
  ];
  return fc.sample(fc.oneof(...kinds), { numRuns: options.count, seed: options.seed });
}
