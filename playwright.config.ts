// End-to-end tests: Debian's Chromium (/usr/bin/chromium; Playwright never downloads a browser)
// against a production build (`next build` + `next start`) on http://127.0.0.1:3210.
//
// Database: a fresh embedded PGlite under .tmp/e2e-3210/pglite, deleted before every run, migrated
// and seeded by the app at boot. DATABASE_URL from the environment is deliberately NOT used (in CI
// it points at the shared server the integration tests create their databases on). To run against
// PostgreSQL instead, set E2E_DATABASE_URL to a local, disposable database: scripts/e2e-server.mjs
// migrates and seeds it (seedIfEmpty) and refuses non-local hosts.
// Cache: REDIS_URL is kept when set (keys prefixed per run), otherwise the in-memory store.
// E2E_SKIP_BUILD=1 reuses the existing .next build; E2E_PORT changes the port.
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  // Each sign-up or sign-in hashes a password at OWASP's scrypt cost (N=2^17): about 0.3 s on an
  // idle core, near 2 s on the busy 2-core CI machine; flows that create several accounts need room.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
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
    },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/api/health`,
    env: { E2E_PORT: String(port) },
    // `next build` runs first; on a busy 2-core machine it has taken over three minutes.
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
