import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests against the production build (`next start`), driven with Debian's Chromium
 * (`npx playwright install` cannot download browsers here). The server is started by
 * scripts/e2e-server.ts on its own port with a fresh database and fresh keys per run; it writes
 * test-results/e2e-env.json for tests that need to look at the database file.
 *
 * `npm test` builds first; to run these alone: `npx next build && npx playwright test`.
 */

// PASSAGE_E2E_PORT lets two checkouts run their suites side by side (scripts/e2e-server.ts reads it too).
const PORT = Number(process.env.PASSAGE_E2E_PORT ?? 3101);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  // One server, one database: tests run one at a time, in file order.
  fullyParallel: false,
  workers: 1,
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  // Not test-results/ itself: Playwright empties its output folder at the start of a run, which
  // would race the database and key files the web server writes there.
  outputDir: "test-results/e2e-artifacts",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "en-GB",
    timezoneId: "UTC",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            // Without these Chromium floods the closed network with refused connections.
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
    command: "node_modules/.bin/tsx scripts/e2e-server.ts",
    url: `${BASE_URL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM to the process group (e2e-server and next-server), SIGKILL after 5 s.
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
