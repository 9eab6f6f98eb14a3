import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "../db/client.ts";
import { authOptions } from "./options.ts";
import { can, type Permission } from "./permissions.ts";
import type { SessionUser } from "./repository.ts";
import { authenticate, type RequestAuth } from "./request-auth.ts";
import { mustEnrolMfa } from "./second-factor.ts";

/** Where an account that must enrol a second factor is sent first. */
const ENROL_PATH = "/account?enrol=1";

/** The signed-in user and their open session for this request (cached per request), or null. */
export const getRequestAuth = cache(async (): Promise<RequestAuth | null> =>
  authenticate(getDb(), await getServerSession(authOptions)),
);

/** The signed-in user for this request, or null: a revoked session or a deactivated user is signed out. */
export const getSessionUser = cache(
  async (): Promise<SessionUser | null> => (await getRequestAuth())?.user ?? null,
);

/** For pages: sign-in first, enrolment of a required second factor next, then a 403 page without the permission. */
export async function requirePagePermission(permission: Permission, from: string): Promise<SessionUser> {
  const user = await requireSignedIn(from);
  if (!can(user.roles, permission, user.permissions)) forbidden();
  return user;
}

export async function requireSignedIn(from: string): Promise<SessionUser> {
  const auth = await getRequestAuth();
  if (!auth) redirect(`/signin?callbackUrl=${encodeURIComponent(from)}`);
  if (mustEnrolMfa(auth.user.roles, auth.session)) redirect(ENROL_PATH);
  return auth.user;
}
