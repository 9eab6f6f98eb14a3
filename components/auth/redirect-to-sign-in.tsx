"use client";

import { redirect, usePathname, useSearchParams } from "next/navigation";

/**
 * Sends a signed-out visitor to /signin with the page they wanted as callbackUrl. A layout cannot see
 * the URL, so this runs as a client component (during SSR it becomes an ordinary server redirect).
 */
export function RedirectToSignIn(): never {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const from = query ? `${pathname}?${query}` : pathname;
  redirect(`/signin?callbackUrl=${encodeURIComponent(from)}`);
}
