import { z, ZodError } from "zod";
import { ERROR_CODES, isAppError, type AppError, type ErrorCode } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";

// The one place REST errors become HTTP responses. Every 4xx of every REST route (operations, cron, metrics)
// answers this envelope; the OAuth token endpoint alone keeps RFC 6749's `{ error, error_description }`.

/** One input problem: the dotted path of the field at fault (`points.3.city`) and what is wrong with it. */
const inputIssueSchema = z.object({ path: z.string(), message: z.string() });
export type InputIssue = z.infer<typeof inputIssueSchema>;

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    issues: z.array(inputIssueSchema).optional().describe("Input errors: one entry per field at fault."),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "Extra data some errors carry, e.g. `current` (the ticket as it is now) on a stale-version 409.",
      ),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** Domains may hand issues with zod-style array paths; the envelope always speaks dotted strings. */
const domainIssues = z.array(
  z.object({ path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]), message: z.string() }),
);

function dottedPath(path: readonly PropertyKey[], root: string): string {
  return path.length === 0 ? root : path.map(String).join(".");
}

/** zod's issues as envelope issues; `root` names an issue about the whole value (e.g. "body"). */
export function issuesOf(error: ZodError, root = "input"): InputIssue[] {
  return error.issues.map((issue) => ({ path: dottedPath(issue.path, root), message: issue.message }));
}

export function describeIssues(issues: readonly InputIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
}

/**
 * AppErrors carry input problems as `details.issues` or name one field as `details.field`; both become
 * `error.issues`. Anything else in `details` (e.g. `current`, `reason`) stays there.
 */
function appErrorBody(error: AppError): ErrorEnvelope["error"] {
  const body: ErrorEnvelope["error"] = { code: error.code, message: error.userMessage };
  const details = error.details;
  if (details === undefined || details === null) return body;
  if (typeof details !== "object" || Array.isArray(details)) return { ...body, details: { value: details } };
  const { issues, field, ...rest } = details as Record<string, unknown>;
  const listed = domainIssues.safeParse(issues);
  if (listed.success) {
    body.issues = listed.data.map((issue) => ({
      path: typeof issue.path === "string" ? issue.path : dottedPath(issue.path, "input"),
      message: issue.message,
    }));
  } else if (issues !== undefined) {
    rest.issues = issues;
  }
  if (typeof field === "string") body.issues ??= [{ path: field, message: error.userMessage }];
  else if (field !== undefined) rest.field = field;
  return Object.keys(rest).length > 0 ? { ...body, details: rest } : body;
}

export function errorEnvelope(error: AppError | ZodError): { status: number; body: ErrorEnvelope } {
  if (isAppError(error)) return { status: error.status, body: { error: appErrorBody(error) } };
  const issues = issuesOf(error);
  return { status: 400, body: { error: { code: "BAD_REQUEST", message: describeIssues(issues), issues } } };
}

export function errorResponse(error: unknown, log: Logger, headers?: HeadersInit): Response {
  if (isAppError(error) || error instanceof ZodError) {
    const { status, body } = errorEnvelope(error);
    return Response.json(body, { status, headers });
  }
  log.error({ err: error }, "REST request failed");
  const body: ErrorEnvelope = { error: { code: "INTERNAL", message: "Unexpected error." } };
  return Response.json(body, { status: 500, headers });
}
