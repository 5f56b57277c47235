/**
 * `npm start` and `npm run dev`: brings up the database (embedded unless DATABASE_URL is set), applies
 * pending migrations, sets up a fresh database on first start, builds when the sources changed
 * (production only), and runs Next. Run with `--conditions=react-server` so that lib/ modules load.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIsCurrent, recordBuild } from "./build-fingerprint";
import { resolveDatabase } from "./db/database";
import { DataDirInUseError } from "./db/embedded";
import { applyMigrations, MigrationFailedError } from "./db/migrate";

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
  const started = Date.now();
  const database = await resolveDatabase();
  const stopDatabase = async () => {
    await database.stop().catch((error: unknown) => console.error(error));
  };

  try {
    const port = Number(process.env.PORT ?? 3000);
    const siteUrl = (process.env.SITE_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: authSecret(database.embedded),
      SITE_URL: siteUrl,
      // Auth.js builds its redirect URLs from this rather than from the request's Host header.
      AUTH_URL: process.env.AUTH_URL ?? `${siteUrl}/api/auth`,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    Object.assign(process.env, env);

    const { applied } = await applyMigrations(database.url);
    if (applied.length > 0) console.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);

    const { setUpFirstRun } = await import("@/lib/setup");
    const setup = await setUpFirstRun({ email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD });

    if (mode === "start") {
      const fingerprintInput = database.embedded ? "embedded" : database.url;
      if (!buildIsCurrent(root, fingerprintInput)) {
        console.log("Building the production site…");
        const code = await waitFor(runNode("node_modules/next/dist/bin/next", ["build"], env));
        if (code !== 0) fail("The build failed; see the output above.");
        recordBuild(root, fingerprintInput);
      }
    }

    const next = runNode("scripts/server.mjs", [...(mode === "dev" ? ["--dev"] : []), "--port", String(port)], { ...env, QUIRE_EXIT_WITH_PARENT: "1" });
    const shutdown = () => next.kill("SIGTERM");
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);

    console.log(`\nQuire is starting at ${siteUrl} (${database.embedded ? "embedded database in .data/" : "DATABASE_URL"}), ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`Admin: ${siteUrl}/admin`);
    if (setup.kind === "created") {
      console.log(`Owner account: ${setup.ownerEmail}`);
      if (setup.generatedPassword) console.log(`Password (shown once, change it after signing in): ${setup.generatedPassword}`);
      if (setup.demoPosts > 0) console.log(`Added ${setup.demoPosts} demo posts.`);
    }
    const code = await waitFor(next);
    await stopDatabase();
    process.exit(code);
  } catch (error) {
    await stopDatabase();
    throw error;
  }
}

const mode = process.argv[2];
if (mode !== "start" && mode !== "dev") fail("Usage: tsx scripts/run.ts start|dev");
main(mode).catch((error: unknown) => {
  // Expected refusals get their message only; anything else keeps its stack for a bug report.
  if (error instanceof DataDirInUseError || error instanceof MigrationFailedError) fail(error.message);
  console.error(error);
  process.exit(1);
});
