import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user?: DefaultSession["user"] & { id?: string };
    /** The UserSession row this browser's sign-in opened; checked on every request, so it can be revoked. */
    sessionId?: string;
  }
  interface User {
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sid?: string;
  }
}
