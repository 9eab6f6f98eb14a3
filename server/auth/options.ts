import type { NextAuthOptions } from "next-auth";
import credentialsModule from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../db/client.ts";
import { logger } from "../lib/logger.ts";
import { clientIp } from "../security/client-ip.ts";
import { admitSignIn, signInRefusal, signInSucceeded } from "../security/sign-in-throttle.ts";
import { signInDelayMs } from "../security/throttle.ts";
import { verifyPassword } from "./hash.ts";
import { findUserForSignIn } from "./repository.ts";
import { MFA_REQUIRED_ERROR, openSignInSession, SESSION_MAX_AGE_SECONDS } from "./sign-in.ts";

// next-auth ships CommonJS: bundlers (Next, Vitest) unwrap its `default` export, while Node's own ESM loader (scripts
// run with tsx, such as the benchmarks) hands over the whole `exports` object. Accept both.
const CredentialsProvider =
  (credentialsModule as unknown as { default?: typeof credentialsModule }).default ?? credentialsModule;

const credentialsSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(200),
  // The second factor, asked for once the password is right (a TOTP code or a recovery code).
  code: z.string().trim().max(20).optional(),
});

// A failed sign-in takes at least 600 ms, doubling with each consecutive failure of the account (throttle.ts), so
// guessing is slow and timing reveals nothing; past 10 attempts the account is locked for a while.
async function slowFailure(startedAt: number, attempt: number): Promise<null> {
  const wait = signInDelayMs(attempt) - (Date.now() - startedAt);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return null;
}

/** next-auth hands authorize() the request's headers as a plain object. */
function ipOf(req: { headers?: Record<string, unknown> } | undefined): string | null {
  const headers = req?.headers ?? {};
  return clientIp({ get: (name) => (typeof headers[name] === "string" ? headers[name] : null) });
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Authentication code", type: "text" },
      },
      async authorize(raw, req) {
        const startedAt = Date.now();
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return slowFailure(startedAt, 0);
        const db = getDb();
        const ip = ipOf(req);
        // Counted before the password is checked; a locked account or address is refused without a check.
        const admission = await admitSignIn(db, parsed.data.email, ip);
        if (!admission.allowed) throw new Error(signInRefusal(admission.retryAfterSeconds));
        const found = await findUserForSignIn(db, parsed.data.email);
        const valid = found ? await verifyPassword(parsed.data.password, found.passwordHash) : false;
        if (!found || !valid) {
          logger.info({ email: parsed.data.email }, "sign-in refused");
          return slowFailure(startedAt, admission.attempt);
        }
        const userAgent = typeof req?.headers?.["user-agent"] === "string" ? req.headers["user-agent"] : null;
        const opened = await openSignInSession(db, found.user.id, parsed.data.code, userAgent, new Date());
        if (opened === "mfa_required") throw new Error(MFA_REQUIRED_ERROR);
        if (opened === "mfa_invalid") return slowFailure(startedAt, admission.attempt);
        await signInSucceeded(parsed.data.email, ip);
        return { id: found.user.id, email: found.user.email, name: found.user.name, sid: opened.sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sid = user.sid;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
  },
};
