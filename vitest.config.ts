import { defineConfig } from "vitest/config";
import path from "node:path";

// Unit tests: pure functions beside the code, no database.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["server/**/*.test.ts", "components/**/*.test.ts", "tests/lint/**/*.test.ts"],
    environment: "node",
  },
});
