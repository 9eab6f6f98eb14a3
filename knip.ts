import type { KnipConfig } from "knip";

// Dead code check (`npm run lint`): unused files, exports, types and dependencies. The Next, next-intl, Vitest,
// Playwright, Prisma, Tailwind and PostCSS plugins find their own entry points (app router files, proxy.ts,
// instrumentation.ts, *.test.ts, e2e/*.spec.ts, configs); the entries below are the ones only a path string names.
const config: KnipConfig = {
  entry: [
    // package.json scripts, and server/cli/serve.ts, which start.ts spawns by path.
    "server/cli/*.ts",
    "bench/*.ts",
    // Spawned by integration tests as separate processes.
    "tests/support/*-worker.ts",
    // Playwright's setup project matches it with a regular expression, which knip does not read.
    "e2e/auth.setup.ts",
    // next.config.mjs hands it to the next-intl plugin.
    "server/i18n/request.ts",
  ],
  vitest: { config: ["vitest.config.ts", "vitest.integration.config.ts"] },
  ignoreDependencies: [
    // Pinned for next-intl through package.json "overrides"; imported by no file.
    "use-intl",
  ],
};

export default config;
