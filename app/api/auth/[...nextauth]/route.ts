import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";
import { withSignInThrottleAnswer } from "@/server/security/sign-in-answer";

// A sign-in refused by the throttle answers 429 with Retry-After (server/security/sign-in-answer.ts).
const handler = withSignInThrottleAnswer(NextAuth(authOptions));

export { handler as GET, handler as POST };
