/**
 * `npm test`: unit and integration tests (Vitest), then a production build and the end-to-end suite
 * (Playwright in Debian's Chromium). Uses the PostgreSQL named by DATABASE_URL (which must be on this
 * machine), or else a fresh embedded database that is thrown away afterwards.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { resolveDatabase } from "./db/database";
import { applyMigrations } from "./db/migrate";

const root = path.resolve(import.meta.dirname, "..");
// `npm test -- --e2e [playwright args]` runs only the end-to-end part, e.g. one spec while working on it;
// `npm test -- --cluster` only the several-instance suite (e2e/cluster), which a full run does once, last.
const [mode, ...playwrightArgs] = process.argv.slice(2);
const e2eOnly = mode === "--e2e";
const clusterOnly = mode === "--cluster";
// A separate build folder, so the suite never replaces the build `npm start` serves; several suites
// (with their own QUIRE_DIST_DIR, E2E_PORT and database) can run side by side.
const distDir = process.env.QUIRE_DIST_DIR ?? ".next-test";
const reportDir = path.join(root, "test-results", path.basename(distDir));

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readJson(file: string): unknown {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

function vitestCounts(file: string): Counts {
  const report = readJson(file) as { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number } | null;
  return { passed: report?.numPassedTests ?? 0, failed: report?.numFailedTests ?? 0, skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0) };
}

function playwrightCounts(file: string): Counts {
  const report = readJson(file) as { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } } | null;
  const stats = report?.stats ?? {};
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0 };
}

async function main() {
  const explicitUrl = process.env.DATABASE_URL;
  if (explicitUrl && !["localhost", "127.0.0.1", "::1", "[::1]"].includes(new URL(explicitUrl).hostname)) {
    throw new Error("npm test refuses a DATABASE_URL that is not on this machine: the tests write and delete data.");
  }
  const scratch = path.join(root, ".data", `test-${process.pid}`);
  if (!explicitUrl) process.env.EMBEDDED_PG_DATA_DIR = scratch;
  const database = await resolveDatabase({ dataDir: scratch });
  const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
  let exitCode = 0;
  try {
    const port = process.env.E2E_PORT ?? "3100";
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
      SITE_URL: `http://localhost:${port}`,
      AUTH_URL: `http://localhost:${port}/api/auth`,
      E2E_PORT: port,
      NEXT_TELEMETRY_DISABLED: "1",
      QUIRE_TEST_EMBEDDED: database.embedded ? "1" : "0",
      QUIRE_DIST_DIR: distDir,
      PLAYWRIGHT_OUTPUT_DIR: path.join(reportDir, "playwright"),
    };
    Object.assign(process.env, env);

    await applyMigrations(database.url);
    const { setUpFirstRun } = await import("@/lib/setup");
    await setUpFirstRun({ email: "owner@quire.test", password: randomBytes(16).toString("base64url") });

    rmSync(reportDir, { recursive: true, force: true });
    // Computed before the build, so `npm test -- --cluster` on a machine that cannot run the suite says
    // so at once instead of after minutes of building.
    const clusterBlocker = e2eOnly ? null : clusterSuiteBlocker(database.embedded);
    if (clusterOnly && clusterBlocker) {
      if (!reportClusterBlocker(clusterBlocker, totals)) exitCode = 1;
      return;
    }
    const vitestReport = path.join(reportDir, "vitest.json");
    if (!e2eOnly && !clusterOnly) {
      const vitest = await run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`], env);
      add(totals, vitestCounts(vitestReport));
      if (vitest !== 0) exitCode = 1;
    }

    console.log("\nBuilding the production site for the end-to-end tests…");
    const build = await run("npx", ["next", "build"], env);
    if (build !== 0) {
      exitCode = 1;
      totals.failed += 1;
      console.error("✖ The production build failed; end-to-end tests were not run.");
    } else {
      if (!clusterOnly) {
        const playwrightReport = path.join(reportDir, "playwright.json");
        const e2e = await run("npx", ["playwright", "test", "--reporter=list,json", ...playwrightArgs], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport });
        add(totals, playwrightCounts(playwrightReport));
        if (e2e !== 0) exitCode = 1;
      }
      if (clusterBlocker) {
        if (!reportClusterBlocker(clusterBlocker, totals)) exitCode = 1;
      } else if (!e2eOnly) {
        // Two more instances of the same build, Redis and Varnish: slow to start, so run once, not per spec.
        console.log("\nRunning the several-instance suite (two instances, Redis, Varnish)…");
        const clusterReport = path.join(reportDir, "playwright-cluster.json");
        const cluster = await run("npx", ["playwright", "test", "-c", "e2e/cluster/playwright.config.ts", "--reporter=list,json"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: clusterReport });
        add(totals, playwrightCounts(clusterReport));
        if (cluster !== 0) exitCode = 1;
      }
    }
  } finally {
    await database.stop();
    if (!explicitUrl) rmSync(scratch, { recursive: true, force: true });
  }
  if (exitCode !== 0 && totals.failed === 0) totals.failed = 1;
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(exitCode);
}

/** Why the several-instance suite cannot run here, or null when it can. */
function clusterSuiteBlocker(embeddedDatabase: boolean): string | null {
  if (embeddedDatabase) return "it needs a PostgreSQL server (DATABASE_URL); the embedded database serves one process.";
  const missing = ["redis-server", "varnishd"].filter((command) => spawnSync("sh", ["-c", `command -v ${command} || test -x /usr/sbin/${command}`], { stdio: "ignore" }).status !== 0);
  return missing.length > 0 ? `${missing.join(" and ")} not installed (apt-get install redis-server varnish varnish-modules).` : null;
}

/**
 * Says why the several-instance suite did not run and counts it: a failure on CI, where .ci/run installs
 * everything it needs, a skip elsewhere. Returns false when the run must fail.
 */
function reportClusterBlocker(blocker: string, totals: Counts): boolean {
  console.error(`${process.env.CI ? "✖" : "!"} The several-instance suite did not run: ${blocker}`);
  if (!process.env.CI) {
    totals.skipped += 1;
    return true;
  }
  totals.failed += 1;
  return false;
}

function add(into: Counts, counts: Counts) {
  into.passed += counts.passed;
  into.failed += counts.failed;
  into.skipped += counts.skipped;
}

main().catch((error: unknown) => {
  console.error(error);
  console.log("\n0 passed, 1 failed");
  process.exit(1);
});
