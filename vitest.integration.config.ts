import { defineConfig } from "vitest/config";
import path from "node:path";
import { INTEGRATION_WORKERS } from "./tests/support/workers-count.ts";

// Integration tests: real PostgreSQL (embedded unless DATABASE_URL), one fresh migrated database per worker.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/integration/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/worker-database.ts"],
    pool: "forks",
    isolate: false,
    maxWorkers: INTEGRATION_WORKERS,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
