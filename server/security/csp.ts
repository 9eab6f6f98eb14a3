// The Content-Security-Policy of every page, built per request around a fresh nonce (proxy.ts). Next reads the
// nonce from the request's copy of this header and puts it on its own scripts; the layout hands it to
// next-themes for its inline theme script.

/** 128 random bits, base64: unguessable, and a valid CSP nonce-source. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export interface PolicyOptions {
  /** `next dev` evaluates code (React's debugging stacks) and injects styles without a nonce for HMR. */
  dev: boolean;
  /** Served over https: subresources must be too. */
  https: boolean;
}

export function contentSecurityPolicy(nonce: string, { dev, https }: PolicyOptions): string {
  // Scripts: only those carrying the nonce, and what they load ('strict-dynamic': Next's chunks). No
  // 'unsafe-inline' for scripts: injected markup cannot run.
  const scripts = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])];
  // <style> elements need the nonce too (Next and next-themes set it). Style *attributes* cannot carry a nonce
  // and React's style={…} (recharts' SVG, layout widths) renders them, so attributes stay allowed: CSS cannot
  // run code, the residual risk is styling injected markup. In dev, HMR injects <style> without a nonce.
  const styleElements = dev ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`];
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", ...scripts],
    ["style-src", ...styleElements],
    ["style-src-elem", ...styleElements],
    ["style-src-attr", "'unsafe-inline'"],
    ["img-src", "'self'", "blob:", "data:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'"],
    ["worker-src", "'self'", "blob:"],
    ["manifest-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(https ? ([["upgrade-insecure-requests"]] as [string][]) : []),
  ];
  return directives.map((parts) => parts.join(" ")).join("; ");
}

/** HSTS only where the page came over https: sent over http it would be ignored, and localhost must not keep it. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/** https as the client saw it: our own TLS, or the proxy's X-Forwarded-Proto (Next sets it when absent). */
export function servedOverHttps(url: URL, headers: Pick<Headers, "get">): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return forwarded ? forwarded === "https" : url.protocol === "https:";
}
