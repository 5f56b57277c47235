import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// The SMTP sink e2e/global-setup.ts starts; the server sends staff mail there, specs read it from the folder.
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 1000);
process.env.E2E_MAIL_DIR ??= `${process.env.PLAYWRIGHT_OUTPUT_DIR ?? "test-results/playwright"}-mail`;
process.env.E2E_SMTP_PORT = String(smtpPort);

// Debian's Chromium; Playwright cannot download its own browsers on machines without internet.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
};

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  outputDir: process.env.PLAYWRIGHT_OUTPUT_DIR ?? "test-results/playwright",
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never", outputFolder: `${process.env.PLAYWRIGHT_OUTPUT_DIR ?? "test-results/playwright"}-report` }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "on-first-retry",
    launchOptions: chromium,
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: chromium }, dependencies: ["setup"] },
  ],
  webServer: {
    command: `node scripts/server.mjs --port ${port}`,
    url: `${baseURL}/login`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    env: { SITE_URL: baseURL, NEXT_TELEMETRY_DISABLED: "1", SMTP_URL: `smtp://localhost:${smtpPort}`, SMTP_FROM: "Quire <no-reply@quire.test>" },
  },
});
