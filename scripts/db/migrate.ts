/**
 * `npm run db:migrate`: applies the pending migrations of prisma/migrations to DATABASE_URL (or to
 * the embedded database when it is unset), recording them in `_prisma_migrations` exactly as
 * `prisma migrate deploy` does.
 *
 * A migration that fails leaves no trace: its script runs as one implicit transaction (see
 * schema-engine.ts), and the failed row the engine records is removed, so the fixed migration applies
 * on the next run instead of being blocked by Prisma's P3009. Migrations applied earlier in the same
 * run stay applied, as with Prisma.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type pg from "pg";
import { resolveDatabase } from "./database";
import { DataDirInUseError } from "./embedded.mjs";
import { defaultMigrationsDir, migrationFilePath, projectRoot, readMigrationList } from "./migrations-dir";
import { engineMessage, openMigrationEngine, type ScriptFailure } from "./schema-engine";

export class MigrationFailedError extends Error {
  constructor(
    readonly migrationName: string,
    readonly sqlState: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "MigrationFailedError";
  }
}

async function migrationsTableExists(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ found: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS found");
  return rows[0]?.found ?? false;
}

/**
 * Deletes the row the engine left for the migration that just failed. Only rows this run started
 * qualify, so a failure recorded earlier (by Prisma itself, say) is never hidden. Returns its name.
 */
async function forgetFailedMigration(pool: pg.Pool, runStartedAt: Date, tableExisted: boolean): Promise<string | undefined> {
  const { rows } = await pool.query<{ migration_name: string }>(
    `DELETE FROM _prisma_migrations
      WHERE finished_at IS NULL AND rolled_back_at IS NULL AND started_at >= $1
  RETURNING migration_name`,
    [runStartedAt],
  );
  if (!tableExisted) {
    await pool.query("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM _prisma_migrations) THEN DROP TABLE _prisma_migrations; END IF; END $$");
  }
  return rows[0]?.migration_name;
}

async function appliedSince(pool: pg.Pool, runStartedAt: Date): Promise<string[]> {
  if (!(await migrationsTableExists(pool))) return [];
  const { rows } = await pool.query<{ migration_name: string }>(
    "SELECT migration_name FROM _prisma_migrations WHERE started_at >= $1 AND finished_at IS NOT NULL ORDER BY started_at",
    [runStartedAt],
  );
  return rows.map((row) => row.migration_name);
}

function displayPath(file: string): string {
  const relative = path.relative(projectRoot, file);
  return relative.startsWith("..") ? file : relative;
}

/** "line 3, column 8" of the statement PostgreSQL pointed at, when it pointed at one. */
function errorLocation(failure: ScriptFailure): string | undefined {
  const position = Number(failure.error.position);
  if (!Number.isInteger(position) || position < 1) return undefined;
  const before = failure.script.slice(0, position - 1);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n") - 1;
  return `line ${line}, column ${column}`;
}

function describeFailure(name: string, failure: ScriptFailure, migrationsDir: string, appliedFirst: string[]): string {
  const { error } = failure;
  const file = displayPath(migrationFilePath(migrationsDir, name));
  const location = errorLocation(failure);
  return [
    `Migration ${name} failed and was rolled back; the database is as it was before it.`,
    `PostgreSQL error ${error.code ?? ""}: ${error.message}`,
    error.detail && `Detail: ${error.detail}`,
    error.hint && `Hint: ${error.hint}`,
    `In ${file}${location ? ` at ${location}` : ""}.`,
    appliedFirst.length > 0 && `Applied before it in this run (and kept): ${appliedFirst.join(", ")}.`,
    "Fix the migration and run the migrations again.",
  ]
    .filter(Boolean)
    .join("\n");
}

/**
 * Applies the pending migrations in `migrationsDir` (prisma/migrations by default) and returns their
 * names. Throws MigrationFailedError when a migration's SQL fails (after undoing its traces), or the
 * engine's error for anything else (unreachable database, P3009 from an earlier failure, …).
 */
export async function applyMigrations(databaseUrl: string, migrationsDir = defaultMigrationsDir): Promise<{ applied: string[] }> {
  const list = await readMigrationList(migrationsDir);
  const engine = await openMigrationEngine(databaseUrl);
  try {
    const tableExisted = await migrationsTableExists(engine.pool);
    const runStartedAt = new Date();
    try {
      return { applied: await engine.applyMigrations(list) };
    } catch (error) {
      const failure = engine.lastScriptFailure();
      // Anything but a rejected script (a lost connection, say) may have committed; touch nothing.
      if (!failure) throw new Error(engineMessage(error), { cause: error });
      // MUST run before close(): the engine's advisory lock keeps other migrators out meanwhile.
      const name = (await forgetFailedMigration(engine.pool, runStartedAt, tableExisted)) ?? "(unknown)";
      const appliedFirst = await appliedSince(engine.pool, runStartedAt);
      throw new MigrationFailedError(name, failure.error.code, describeFailure(name, failure, migrationsDir, appliedFirst));
    }
  } finally {
    await engine.close();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

async function main(): Promise<void> {
  const database = await resolveDatabase().catch((error: unknown) => {
    if (!(error instanceof DataDirInUseError)) throw error;
    throw new Error(`${error.message}\n(npm start and npm run dev apply pending migrations as they start.)`, { cause: error });
  });
  try {
    console.log(`Migrating ${database.embedded ? "the embedded database" : redact(database.url)}…`);
    const started = performance.now();
    const { applied } = await applyMigrations(database.url);
    const took = `${Math.round(performance.now() - started)} ms`;
    if (applied.length === 0) console.log(`No pending migrations (${took}).`);
    else console.log(`Applied ${applied.length} migration(s) in ${took}:\n${applied.map((name) => `  ${name}`).join("\n")}`);
  } finally {
    await database.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
