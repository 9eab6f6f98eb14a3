import type { InputIssue } from "../../api/rest/envelope.ts";
import { AppError, type ErrorCode } from "../../lib/errors.ts";
import type { RejectReason } from "./edge-metrics.ts";

/** A whole request refused by the edge: an AppError (so the REST envelope renders it) with its metric reason. */
export class EdgeRefusal extends AppError {
  constructor(
    readonly reason: RejectReason,
    code: ErrorCode,
    message: string,
    issues: InputIssue[],
    /** Set on a 429: the seconds the sender must wait (Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(code, message, { details: { issues } });
  }
}
