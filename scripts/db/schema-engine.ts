/**
 * Prisma's schema engine (the WebAssembly build) for machines where the Prisma CLI cannot download
 * its native engine. Two ways to drive it:
 * - `openMigrationEngine(url)`: against a live PostgreSQL, to apply migrations;
 * - `diffSchemas(from, to)`: SQL between two Prisma schemas, with no database at all.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaContainer, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

export type { MigrationList, SchemaContainer };

/** A migration script that PostgreSQL rejected, with the error exactly as node-postgres reported it. */
export interface ScriptFailure {
  script: string;
  error: pg.DatabaseError;
}

export interface MigrationEngine {
  /** Applies the pending migrations of `list` as `prisma migrate deploy` does; returns their names. */
  applyMigrations(list: MigrationList): Promise<string[]>;
  /** The last migration script that failed on this connection, if any. */
  lastScriptFailure(): ScriptFailure | undefined;
  /** The engine's own pool: queries here run while the engine still holds its migration lock. */
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<void> | undefined;

/**
 * The engine leaves a ~10 s timer pending (a timeout it never clears), which kept every script alive
 * that long after its work was done. Unref'd, timers still fire while the pool's sockets keep the
 * process running, and no longer hold it open afterwards.
 */
function withUnrefTimers(glue: typeof bindings): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = { ...glue };
  for (const name of Object.keys(imports).filter((key) => key.startsWith("__wbg_setTimeout_"))) {
    imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  return imports;
}

/** The package's main entry imports the .wasm as an ES module, which Node cannot do; bind it by hand. */
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(gluePath.replace(/\.js$/, ".wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": withUnrefTimers(bindings) });
    bindings.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start !== "function") throw new Error("@prisma/schema-engine-wasm: __wbindgen_start is missing");
    start();
  })();
  return wasmReady;
}

async function newEngine(factory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  await loadWasm();
  const ignoreLogs = () => undefined;
  return bindings.SchemaEngine.new({ datamodels: undefined }, ignoreLogs, bindMigrationAwareSqlAdapterFactory(factory));
}

function isDatabaseError(error: unknown): error is pg.DatabaseError {
  return error instanceof pg.DatabaseError;
}

/** The engine cannot read JavaScript errors, only the mapped shape adapter-pg would produce. */
function toDriverAdapterError(error: pg.DatabaseError): DriverAdapterError {
  return new DriverAdapterError({
    kind: "postgres",
    code: error.code ?? "N/A",
    severity: error.severity ?? "N/A",
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
    originalCode: error.code,
    originalMessage: error.message,
  });
}

/**
 * adapter-pg 7.10 splits a script on every ";" (breaking strings and function bodies) and sends each
 * piece through the pool, so a failing migration stays half-applied. Sent whole, without parameters,
 * the script goes out as one simple-protocol Query, which PostgreSQL runs as one implicit
 * transaction: the same thing the native engine does.
 */
function withWholeScripts(
  adapter: SqlDriverAdapter,
  pool: pg.Pool,
  onFailure: (failure: ScriptFailure) => void,
  onDispose: () => Promise<void>,
): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query: SqlQuery): Promise<SqlResultSet> => adapter.queryRaw(query),
    executeRaw: (query: SqlQuery): Promise<number> => adapter.executeRaw(query),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: onDispose,
    async executeScript(script: string): Promise<void> {
      try {
        await pool.query(script);
      } catch (error) {
        if (!isDatabaseError(error)) throw error;
        onFailure({ script, error });
        throw toDriverAdapterError(error);
      }
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

function newPool(connectionString: string): pg.Pool {
  // No idle timeout: the engine's advisory lock lives on one pooled session and must outlive pauses.
  return new pg.Pool({ connectionString, max: 4, idleTimeoutMillis: 0 });
}

class LiveAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  readonly pool: pg.Pool;
  lastFailure: ScriptFailure | undefined;

  constructor(private readonly url: string) {
    this.pool = newPool(url);
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await new PrismaPg(this.pool).connect();
    // The pool belongs to this factory and is ended by close(), not by the engine.
    return withWholeScripts(adapter, this.pool, this.recordFailure, () => adapter.dispose());
  }

  /**
   * adapter-pg's own version connects the "shadow" pool with `connectionString` plus `database`,
   * and node-postgres lets the URL win, so the shadow was the real database; it also dropped the
   * database before ending its pool, which fails and leaves it behind.
   */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await this.pool.query(`CREATE DATABASE "${name}"`);
    const shadowPool = newPool(withDatabase(this.url, name));
    const adapter = await new PrismaPg(shadowPool).connect();
    return withWholeScripts(adapter, shadowPool, this.recordFailure, async () => {
      await shadowPool.end();
      await this.pool.query(`DROP DATABASE IF EXISTS "${name}"`);
    });
  }

  private readonly recordFailure = (failure: ScriptFailure) => {
    this.lastFailure = failure;
  };
}

/** The shadow-database fix, exposed for tests; callers normally use openMigrationEngine. */
export function createLiveAdapterFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory & { pool: pg.Pool } {
  return new LiveAdapterFactory(databaseUrl);
}

/** Connects the engine to a live database. Throws if the database cannot be reached. */
export async function openMigrationEngine(databaseUrl: string): Promise<MigrationEngine> {
  const factory = new LiveAdapterFactory(databaseUrl);
  let engine: SchemaEngine;
  try {
    engine = await newEngine(factory);
  } catch (error) {
    await factory.pool.end();
    throw error;
  }
  let closed = false;
  return {
    pool: factory.pool,
    lastScriptFailure: () => factory.lastFailure,
    async applyMigrations(list) {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: list, filters: noFilters });
      return appliedMigrationNames;
    },
    async close() {
      if (closed) return;
      closed = true;
      engine.free();
      await factory.pool.end();
    },
  };
}

const PROBE_COLUMNS = { exists: ColumnTypeEnum.Boolean, version: ColumnTypeEnum.Text, numeric: ColumnTypeEnum.Int32 };

/**
 * Diffing two schemas needs no database, but the engine still probes the server once when it
 * starts (schema exists, version). This adapter answers that probe as a PostgreSQL 15 would and
 * refuses anything else. The diff output was checked to be identical against a real server.
 */
function offlineAdapter(): SqlDriverAdapter {
  const refuse = (what: string) => () => Promise.reject(new Error(`The offline schema engine has no database (${what}).`));
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
      if (!query.sql.includes("version()")) throw new Error(`The offline schema engine has no database: ${query.sql.slice(0, 80)}`);
      return {
        columnNames: ["exists", "version", "numeric_version"],
        columnTypes: [PROBE_COLUMNS.exists, PROBE_COLUMNS.version, PROBE_COLUMNS.numeric],
        rows: [[true, "PostgreSQL 15.0", 150000]],
      };
    },
    executeRaw: refuse("executeRaw"),
    executeScript: refuse("executeScript"),
    startTransaction: refuse("startTransaction"),
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: () => Promise.resolve(),
  };
}

function offlineAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => Promise.resolve(offlineAdapter()),
    connectToShadowDb: () => Promise.resolve(offlineAdapter()),
  };
}

/**
 * SQL that takes a database from schema `from` ("empty" for none) to schema `to`, or null when the
 * two describe the same database. Throws the engine's message when a schema is invalid.
 */
export async function diffSchemas(from: SchemaContainer[] | "empty", to: SchemaContainer[]): Promise<string | null> {
  const engine = await newEngine(offlineAdapterFactory());
  try {
    const result = await engine.diff({
      from: from === "empty" ? { tag: "empty" } : { tag: "schemaDatamodel", files: from },
      to: { tag: "schemaDatamodel", files: to },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    // With exitCode set, the engine answers 2 when there is a difference and 0 when there is none.
    return result.exitCode === 2 ? (result.stdout ?? "") : null;
  } finally {
    engine.free();
  }
}

/** The engine's errors end with a Rust span trace; people need only the text before it. */
export function engineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\n\s+0: /)[0]!.trim();
}
