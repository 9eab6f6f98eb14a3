import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "../db/client.ts";
import { authOptions } from "./options.ts";
import { can, type Permission } from "./permissions.ts";
import { loadSessionUser, type SessionUser } from "./repository.ts";

/** The signed-in user for this request (cached per request), or null. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  return id ? loadSessionUser(getDb(), id) : null;
});

/** For pages: sign-in first, then a 403 page unless the user holds the permission. */
export async function requirePagePermission(permission: Permission, from: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(from)}`);
  if (!can(user.roles, permission, user.permissions)) forbidden();
  return user;
}

export async function requireSignedIn(from: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(from)}`);
  return user;
}
