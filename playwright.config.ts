// Browser tests (tests/e2e, one file per journey) against the built server (`npm run build`)
// started by tests/e2e/serve.mjs on a fixed port with a fresh data folder and SQLite database.
import { defineConfig, devices } from "@playwright/test";
import { E2E_DATA_DIR, E2E_PORT } from "./tests/e2e/env";

const CI = !!process.env.CI;
const baseURL = `http://localhost:${E2E_PORT}`;

// Never download a browser: Debian's Chromium unless told otherwise (docs: STACK.md).
const executablePath =
  process.env.CHROMIUM_PATH || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  // The journeys share one server; files run side by side, the steps of a journey in order.
  fullyParallel: false,
  workers: 2,
  forbidOnly: CI,
  // On CI one retry records a trace; a test that passes only on retry still fails the run.
  retries: CI ? 1 : 0,
  failOnFlakyTests: CI,
  reporter: CI ? [["list"], ["html", { open: "never" }]] : "list",
  // Generous limits for a loaded 2-core machine; no test measures time.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node tests/e2e/serve.mjs",
    url: `${baseURL}/healthz`,
    reuseExistingServer: !CI,
    timeout: 120_000,
    // E2E_LOG_LEVEL=info shows the server's request log.
    stdout: process.env.E2E_LOG_LEVEL ? "pipe" : "ignore",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      DATA_DIR: E2E_DATA_DIR,
      APP_URL: baseURL,
      NODE_ENV: "production",
      SESSION_SECRET: "e2e-session-secret-e2e-session-secret-0123",
      // SQLite in DATA_DIR, e-mails as .eml files in DATA_DIR/mail.
      DATABASE_URL: "",
      SMTP_URL: "",
      LOG_LEVEL: process.env.E2E_LOG_LEVEL || "warn",
    },
  },
});
