/**
 * The several-instance suite, run once after the main suite (scripts/test.ts): two app instances on the
 * same build and database, their own Redis, and Varnish (deploy/varnish/default.vcl) in front, started
 * by the spec itself (./stack.ts) so that it can stop Redis and an instance mid-run.
 *
 *   npx playwright test -c e2e/cluster/playwright.config.ts   (after a build; npm test -- --cluster does both)
 */
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { clusterPorts, originOf } from "./stack";

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
};

export default defineConfig({
  testDir: ".",
  // Not *.spec.ts: the main configuration (testDir e2e) must not pick this suite up.
  testMatch: /\.cluster\.ts$/,
  fullyParallel: false,
  workers: 1,
  // One run: a test that passes only on a retry has failed.
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  outputDir: path.resolve(import.meta.dirname, "..", "..", `${process.env.PLAYWRIGHT_OUTPUT_DIR ?? "test-results/playwright"}-cluster`),
  reporter: [["list"]],
  timeout: 120_000,
  expect: { timeout: 10_000 },
  use: {
    // Staff work on instance A; readers are plain requests to B and to Varnish.
    baseURL: originOf(clusterPorts().appA),
    trace: "retain-on-failure",
    launchOptions: chromium,
  },
  projects: [{ name: "cluster", use: { ...devices["Desktop Chrome"], launchOptions: chromium } }],
});
