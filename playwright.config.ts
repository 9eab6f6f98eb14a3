import { defineConfig } from "@playwright/test";

// E2E_PORT lets a second checkout run its browser tests beside this one.
const PORT = Number(process.env.E2E_PORT ?? 3100);

// Browser tests run against the production build (`npm start`) on a fresh embedded database of their own.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], testIgnore: /auth\.setup\.ts/ },
  ],
  webServer: {
    command: "rm -rf .data/e2e && npm start",
    url: `http://localhost:${PORT}/api/health`,
    // A clean clone builds the app and seeds its demo data first: minutes on two cores.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "ignore",
    env: {
      PORT: String(PORT),
      EMBEDDED_PG_DIR: ".data/e2e/postgres",
      DATABASE_URL: "",
      IN_PROCESS_JOBS: "on",
      // A failing delivery is a dead letter after two quick attempts, so the redrive test need not wait minutes.
      CONSUMER_MAX_ATTEMPTS: "2",
    },
  },
});
