import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { getServerSession } from "next-auth";
import { getDb, type Db } from "../db/client.ts";
import { authOptions } from "../auth/options.ts";
import { can, type Permission } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/repository.ts";
import { authenticate } from "../auth/request-auth.ts";
import type { SessionState } from "../auth/session-repository.ts";
import { freshSession } from "../auth/session-state.ts";
import {
  MFA_ENROLMENT_REQUIRED,
  mustEnrolMfa,
  needsStepUp,
  secondFactorRefusal,
  STEP_UP_REQUIRED,
  stepUpIsFresh,
} from "../auth/second-factor.ts";
import { correlationIdFrom } from "../lib/correlation.ts";
import { env } from "../lib/env.ts";
import { isSameOriginRequest } from "../security/origin.ts";
import { userContext } from "../lib/service-context.ts";
import { logger, type Logger } from "../lib/logger.ts";
import { inSpan, recordSpanError } from "../lib/telemetry/spans.ts";
import { toTrpcCode } from "./error-mapping.ts";
import { errorEnvelope, type InputIssue } from "./rest/envelope.ts";
import { isAppError } from "../lib/errors.ts";

// ── Context ──────────────────────────────────────────────────────────────────

export interface Context {
  db: Db;
  user: SessionUser | null;
  correlationId: string;
  log: Logger;
  /** Whether the HTTP request came from this console's own pages; absent for in-process callers. */
  sameOrigin?: boolean;
  /** The signed-in browser's session (revocable, with its second-factor time); absent for in-process callers. */
  session?: SessionState | null;
}

export async function createContext(opts: { headers: Headers }): Promise<Context> {
  const db = getDb();
  const auth = await authenticate(db, await getServerSession(authOptions));
  const user = auth?.user ?? null;
  const correlationId = correlationIdFrom(opts.headers);
  const sameOrigin = isSameOriginRequest(opts.headers, env.NEXTAUTH_URL);
  const log = logger.child({ correlationId, userId: user?.id });
  return { db, user, session: auth?.session ?? null, correlationId, sameOrigin, log };
}

// ── Init ─────────────────────────────────────────────────────────────────────

/**
 * Input problems named as the REST envelope names them, `{ path, message }` per field, by the same mapping. A
 * failed output check is a 500: its issues describe the server's bug and stay in the logs.
 */
function inputIssuesOf(cause: unknown, httpStatus: number): InputIssue[] | null {
  if (httpStatus >= 500 || !(cause instanceof ZodError || isAppError(cause))) return null;
  return errorEnvelope(cause).body.error.issues ?? null;
}

/** What a procedure declares of itself; the security matrix test reads it to try each against the table. */
interface ProcedureMeta {
  /** The permission a procedure needs, set by permissionProcedure. */
  permission?: Permission;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      return {
        ...shape,
        data: {
          ...shape.data,
          stack: undefined,
          issues: inputIssuesOf(cause, shape.data.httpStatus),
          zodError: cause instanceof ZodError ? z.flattenError(cause) : null,
          details: isAppError(cause) ? (cause.details ?? null) : null,
        },
      };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

// Our AppError becomes the matching tRPC error; anything unexpected is logged and stays a 500.
const errorMapping = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isAppError(cause)) {
      throw new TRPCError({ code: toTrpcCode(cause.code), message: cause.userMessage, cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR")
      ctx.log.error({ err: result.error, path }, "procedure failed");
  }
  return result;
});

// ── Procedures ───────────────────────────────────────────────────────────────

// CSRF: a mutation rides on the session cookie, so it must come from the console's own pages (security/origin.ts).
const sameOriginMutations = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && ctx.sameOrigin === false) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Cross-origin request refused." });
  }
  return next();
});

// One span per procedure, named by its path; the ticket, risk case or alert ids its service records land on it.
const tracing = t.middleware(({ path, type, next }) =>
  inSpan(
    `trpc ${path}`,
    { attributes: { "rpc.system": "trpc", "rpc.method": path, "ops.trpc.type": type } },
    async () => {
      const result = await next();
      if (!result.ok) recordSpanError(result.error);
      return result;
    },
  ),
);

export const publicProcedure = t.procedure.use(tracing).use(errorMapping).use(sameOriginMutations);

/** Signed in, whatever the second factor: only for enrolling it (account.mfa.*), which an admin must do first. */
export const enrollingProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  const service = userContext(ctx.user, ctx.correlationId);
  return next({ ctx: { ...ctx, user: ctx.user, service } });
});

// The second factor (auth/permissions.ts declares who and what): an account that must enrol does nothing else,
// and a step-up procedure needs a code verified within the window. A missing session (an in-process caller) never
// passes a step-up.
export const protectedProcedure = enrollingProcedure.use(async ({ ctx, path, next }) => {
  const session = ctx.session ?? null;
  if (session && mustEnrolMfa(ctx.user.roles, session)) throw secondFactorRefusal(MFA_ENROLMENT_REQUIRED);
  if (needsStepUp(path)) {
    const now = new Date();
    const fresh =
      stepUpIsFresh(session, now) ||
      (session !== null && stepUpIsFresh(await freshSession(ctx.db, session.id), now));
    if (!fresh) throw secondFactorRefusal(STEP_UP_REQUIRED);
  }
  return next();
});

/** Deny by default: a procedure names the permission it needs. */
export function permissionProcedure(permission: Permission) {
  return protectedProcedure.meta({ permission }).use(({ ctx, next }) => {
    if (!can(ctx.user.roles, permission, ctx.user.permissions)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Missing permission ${permission}.` });
    }
    return next();
  });
}
