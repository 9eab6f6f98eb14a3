import type { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { readBodyText } from "../../security/body-limit.ts";
import { describeIssues, issuesOf, type InputIssue } from "./envelope.ts";

// Reading a REST request's input: every problem is a 400 whose issues name the field, never a 500.

function badInput(issues: InputIssue[], cause?: unknown): AppError {
  return new AppError("BAD_REQUEST", describeIssues(issues), { details: { issues }, cause });
}

/** Parses `value` with `schema`; an issue about the whole value is named after `root` ("body", "query"). */
function parseInput<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badInput(issuesOf(result.error, root), result.error);
}

const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const type = req.headers.get("content-type");
  if (!type || !JSON_MEDIA_TYPE.test(type)) {
    throw badInput([
      {
        path: "content-type",
        message: `must be application/json (got ${type ? `"${type.slice(0, 100)}"` : "none"})`,
      },
    ]);
  }
  // Over 1 MiB is a 413 before any parsing.
  const text = await readBodyText(req);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : "unreadable";
    throw badInput([{ path: "body", message: `is not valid JSON (${reason})` }], error);
  }
  return parseInput(schema, body, "body");
}

export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  return parseInput(schema, Object.fromEntries(new URL(req.url).searchParams), "query");
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;

function malformedSegment(value: string): boolean {
  if (LONE_SURROGATE.test(value)) return true;
  if (!PERCENT_ESCAPE.test(value)) return false;
  try {
    decodeURIComponent(value);
    return false;
  } catch (error) {
    if (error instanceof URIError) return true;
    throw error;
  }
}

/**
 * URLSearchParams turns an escape that is not UTF-8 (`?q=%ED%A0%80`) into U+FFFD without a word, so a query
 * is checked raw: each name and value must be valid percent-encoded UTF-8.
 */
export function checkQueryString(url: string): void {
  const search = new URL(url).search.slice(1);
  if (!search) return;
  const issues = search.split("&").flatMap((pair) => {
    const [rawName = "", rawValue = ""] = pair.split(/=(.*)/s);
    const name = rawName.replaceAll("+", " ");
    if (malformedSegment(name))
      return [{ path: "query", message: "has a name that is not valid percent-encoded UTF-8" }];
    if (!malformedSegment(rawValue.replaceAll("+", " "))) return [];
    const field = new URLSearchParams(`${rawName}=`).keys().next().value ?? "";
    return [{ path: `query.${field}`, message: "is not valid percent-encoded UTF-8" }];
  });
  if (issues.length > 0) throw badInput(issues);
}

/**
 * Path segments that are not valid percent-encoded UTF-8 (e.g. `%ED%A0%80`, a lone surrogate) name nothing a
 * route could look up: refuse them before any handler sees them.
 */
export function checkPathParams<P>(params: P): P {
  const issues = Object.entries(params ?? {}).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).some(
      (part) => typeof part === "string" && malformedSegment(part),
    )
      ? [{ path: name, message: "is not valid percent-encoded UTF-8" }]
      : [],
  );
  if (issues.length > 0) throw badInput(issues);
  return params;
}
