import { NextResponse, type NextRequest } from "next/server";
import {
  STRICT_TRANSPORT_SECURITY,
  contentSecurityPolicy,
  newNonce,
  servedOverHttps,
} from "@/server/security/csp";

// Next 16's proxy (formerly middleware): every page gets a Content-Security-Policy with a fresh nonce. Next
// reads the nonce from the request's copy of the policy for its own scripts; the root layout reads `x-nonce` for
// next-themes. The other security headers, the same for every response, are in next.config.mjs.
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = servedOverHttps(request.nextUrl, request.headers);
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: API answers are JSON, static files carry no script. Prefetches reuse the page's policy.
      source:
        "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|apple-touch-icon.png|manifest.webmanifest).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
