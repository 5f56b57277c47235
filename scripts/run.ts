/**
 * The preparation half of `npm start` and `npm run dev` (scripts/start.mjs runs it as a child and waits
 * for it to exit): applies pending migrations, sets up a fresh database on first start, and builds when
 * the sources changed (production only). It then sends the server's environment and the first-run
 * result to its parent over IPC and exits, so no TypeScript toolchain stays beside the server.
 *
 * DATABASE_URL is set by the parent; QUIRE_EMBEDDED_DATABASE=1 says it is the embedded database, which
 * the parent serves. Run with `node --import tsx --conditions=react-server` so that lib/ modules load.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIsCurrent, recordBuild } from "./build-fingerprint";
import { MigrationFailedError, applyMigrations } from "./db/migrate";
import type { Prepared } from "./prepared";

type Mode = "start" | "dev";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data");

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/** AUTH_SECRET from the environment; in embedded mode, one generated once and kept in .data/. */
function authSecret(embedded: boolean): string {
  const fromEnv = process.env.AUTH_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) fail("AUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32).");
    return fromEnv;
  }
  if (!embedded) fail("AUTH_SECRET is required when DATABASE_URL is set (try: export AUTH_SECRET=$(openssl rand -base64 32)).");
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Runs a Node script directly (not through npx), so that signals reach it. */
function runNode(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [path.join(root, script), ...args], { cwd: root, env, stdio: "inherit" });
}

function waitFor(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

async function main(mode: Mode) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) fail("DATABASE_URL is not set; start Quire with `npm start` (scripts/start.mjs).");
  const embedded = process.env.QUIRE_EMBEDDED_DATABASE === "1";
  const port = Number(process.env.PORT ?? 3000);
  const siteUrl = (process.env.SITE_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  const env: Prepared["env"] = {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: authSecret(embedded),
    SITE_URL: siteUrl,
    // Auth.js builds its redirect URLs from this rather than from the request's Host header.
    AUTH_URL: process.env.AUTH_URL ?? `${siteUrl}/api/auth`,
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  Object.assign(process.env, env);

  const { applied } = await applyMigrations(databaseUrl);
  if (applied.length > 0) console.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);

  const { setUpFirstRun } = await import("@/lib/setup");
  const setup = await setUpFirstRun({ email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD });

  if (mode === "start") {
    const fingerprintInput = embedded ? "embedded" : databaseUrl;
    if (!buildIsCurrent(root, fingerprintInput)) {
      console.log("Building the production site…");
      const code = await waitFor(runNode("node_modules/next/dist/bin/next", ["build"], { ...process.env, ...env }));
      if (code !== 0) fail("The build failed; see the output above.");
      recordBuild(root, fingerprintInput);
    }
  }

  const prepared: Prepared = { env, setup };
  if (!process.send) fail("Run by scripts/start.mjs, which reads the result over IPC.");
  // Exit explicitly: the database pool of lib/setup would keep this process alive.
  process.send(prepared, () => process.exit(0));
}

const mode = process.argv[2];
if (mode !== "start" && mode !== "dev") fail("Usage: node scripts/start.mjs start|dev");
main(mode).catch((error: unknown) => {
  // Expected refusals get their message only; anything else keeps its stack for a bug report.
  if (error instanceof MigrationFailedError) fail(error.message);
  console.error(error);
  process.exit(1);
});
