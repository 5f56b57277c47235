import { startEmbeddedPostgres, type EmbeddedPostgresOptions } from "./embedded.mjs";

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when it is set (stop() then does nothing), otherwise the embedded database, started
 * here with `options` (data dir .data/pglite by default). Throws DataDirInUseError when another
 * process is serving that directory.
 */
export async function resolveDatabase(options: EmbeddedPostgresOptions = {}): Promise<ResolvedDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: false, stop: () => Promise.resolve() };
  const database = await startEmbeddedPostgres(options);
  return { url: database.url, embedded: true, stop: database.stop };
}
