import { defineConfig } from "vitest/config";
import path from "node:path";

// Integration tests: real PostgreSQL (embedded unless DATABASE_URL), one fresh migrated database per run, serial.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/integration/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
