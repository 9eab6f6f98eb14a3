import type { NextAuthOptions } from "next-auth";
import credentialsModule from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../db/client.ts";
import { logger } from "../lib/logger.ts";
import { verifyPassword } from "./hash.ts";
import { findUserForSignIn } from "./repository.ts";

// next-auth ships CommonJS: bundlers (Next, Vitest) unwrap its `default` export, while Node's own ESM loader (scripts
// run with tsx, such as the benchmarks) hands over the whole `exports` object. Accept both.
const CredentialsProvider =
  (credentialsModule as unknown as { default?: typeof credentialsModule }).default ?? credentialsModule;

const credentialsSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(200),
});

// A failed sign-in always takes at least this long, so guessing is slow and timing reveals nothing.
const FAILED_SIGN_IN_DELAY_MS = 600;

async function slowFailure(startedAt: number): Promise<null> {
  const wait = FAILED_SIGN_IN_DELAY_MS - (Date.now() - startedAt);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return null;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw) {
        const startedAt = Date.now();
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return slowFailure(startedAt);
        const found = await findUserForSignIn(getDb(), parsed.data.email);
        const valid = found ? await verifyPassword(parsed.data.password, found.passwordHash) : false;
        if (!found || !valid) {
          logger.info({ email: parsed.data.email }, "sign-in refused");
          return slowFailure(startedAt);
        }
        return { id: found.user.id, email: found.user.email, name: found.user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
};
