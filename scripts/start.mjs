/**
 * `npm start` and `npm run dev`. Plain JavaScript, so that once the site is up nothing but the server
 * runs: this process becomes the server (scripts/server.mjs, imported here), and the TypeScript
 * preparation (migrations, first-run setup, the build when the sources changed: scripts/run.ts) runs
 * in a child that exits before the server starts. The npm, tsx and esbuild processes the launcher used
 * to keep beside the server cost more memory than the server itself when idle.
 *
 * `npm start` runs it as `node <scripts/node-flags.mjs> scripts/start.mjs start`: the heap limits are for the
 * server, and the preparation child is given its own options (a build needs more).
 *
 * Without DATABASE_URL the embedded database (PGlite, scripts/db/embedded.mjs) is served from this
 * process too, from before the preparation until the server has drained on SIGTERM/SIGINT.
 *
 *   node scripts/start.mjs start|dev
 */
import { fork } from "node:child_process";
import path from "node:path";
import { SERVER_NODE_FLAGS } from "./node-flags.mjs";

const root = path.resolve(import.meta.dirname, "..");
const mode = process.argv[2];

/** @param {string} message */
function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

if (mode !== "start" && mode !== "dev") fail("Usage: node scripts/start.mjs start|dev");
const started = Date.now();

// This process becomes the server, and V8 takes its limits only from the command line (scripts/node-flags.mjs).
const heapLimitGiven = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].some((flag) => flag.startsWith("--max-old-space-size"));
if (mode === "start" && !heapLimitGiven) {
  console.log(`Note: started without a heap limit; the server may grow well past what it needs. npm start gives ${SERVER_NODE_FLAGS.join(" ")} (README "Memory").`);
}

/** @type {import("./db/embedded.d.mts").EmbeddedPostgres | null} */
let database = null;
if (!process.env.DATABASE_URL) {
  // Imported only here: PGlite's modules are about 12 MB of this process's memory, kept for its whole
  // life, and a server on its own PostgreSQL never needs them.
  const { DataDirInUseError, startEmbeddedPostgres } = await import("./db/embedded.mjs");
  try {
    database = await startEmbeddedPostgres();
  } catch (error) {
    if (error instanceof DataDirInUseError) fail(error.message);
    throw error;
  }
}

/**
 * Runs scripts/run.ts in a child and returns what it sends (the server's environment and the first-run
 * result), or exits when it fails. A signal meanwhile is passed on to it; the database stops after it.
 * @returns {Promise<import("./prepared").Prepared>}
 */
async function prepare() {
  const child = fork(path.join(root, "scripts", "run.ts"), [mode], {
    cwd: root,
    env: { ...process.env, ...(database ? { DATABASE_URL: database.url, QUIRE_EMBEDDED_DATABASE: "1" } : {}) },
    execArgv: ["--import", "tsx", "--conditions=react-server"],
    stdio: "inherit",
  });
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  /** @type {import("./prepared").Prepared | undefined} */
  let prepared;
  child.on("message", (message) => {
    prepared = /** @type {import("./prepared").Prepared} */ (message);
  });
  const code = await new Promise((resolve) => child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
  process.off("SIGINT", forward);
  process.off("SIGTERM", forward);
  if (code !== 0 || !prepared) {
    await database?.stop();
    process.exit(code || 1);
  }
  return prepared;
}

const { env, setup } = await prepare();
Object.assign(process.env, env);

if (database) {
  // scripts/server.mjs ends with process.exit() once its requests have drained, which would skip the
  // database's clean close (its lock is still released by an exit handler). Close it first.
  const db = database;
  const exit = process.exit.bind(process);
  process.exit = /** @type {typeof process.exit} */ (
    (code) => {
      void db
        .stop()
        .catch((error) => console.error("Stopping the embedded database failed", error))
        .finally(() => exit(code));
    }
  );
}

process.argv = [process.argv[0] ?? process.execPath, path.join(root, "scripts", "server.mjs"), ...(mode === "dev" ? ["--dev"] : []), "--port", env.PORT];
try {
  await import("./server.mjs");
} catch (error) {
  console.error(error);
  process.exit(1);
}

console.log(`\nQuire is starting at ${env.SITE_URL} (${database ? "embedded database in .data/" : "DATABASE_URL"}), ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`Admin: ${env.SITE_URL}/admin`);
if (setup.kind === "created") {
  console.log(`Owner account: ${setup.ownerEmail}`);
  if (setup.generatedPassword) console.log(`Password (shown once, change it after signing in): ${setup.generatedPassword}`);
  if (setup.demoPosts > 0) console.log(`Added ${setup.demoPosts} demo posts.`);
}
