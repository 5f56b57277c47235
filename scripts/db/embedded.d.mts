// Types of embedded.mjs, which is plain JavaScript so that `npm start` can run the embedded database
// in the server's own process without a TypeScript toolchain.

export { DataDirInUseError } from "./data-dir-lock.mjs";

export interface EmbeddedPostgresOptions {
  /** Default: EMBEDDED_PG_DATA_DIR, else .data/pglite in the project (git-ignored). */
  dataDir?: string;
  /** Default: EMBEDDED_PG_PORT, else a free port. */
  port?: number;
}

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite on `dataDir` and serves it on 127.0.0.1. Throws DataDirInUseError when another live
 * process serves the same directory; a lock left by a killed process is taken over. Call stop()
 * to close it cleanly (a signal does too when nothing else handles it).
 */
export declare function startEmbeddedPostgres(options?: EmbeddedPostgresOptions): Promise<EmbeddedPostgres>;
