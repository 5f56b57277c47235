/**
 * Throwaway databases for the integration tests: on the PostgreSQL server the suite runs against, or,
 * when `npm test` runs on the embedded database (QUIRE_TEST_EMBEDDED=1), a fresh embedded one each.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded.mjs";

/** The server's maintenance database: TEST_POSTGRES_ADMIN_URL, else DATABASE_URL's server, else localhost. */
function adminUrlFromEnv(): string {
  if (process.env.TEST_POSTGRES_ADMIN_URL) return process.env.TEST_POSTGRES_ADMIN_URL;
  const url = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@localhost:5432/postgres");
  url.pathname = "/postgres";
  return url.toString();
}

const adminUrl = adminUrlFromEnv();
const embedded = process.env.QUIRE_TEST_EMBEDDED === "1";

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

async function asAdmin(sql: string): Promise<void> {
  const client = new pg.Client(adminUrl);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty database: `<prefix>_<random>` on the server, or a new embedded one. */
export async function createThrowawayDatabase(prefix: string): Promise<ThrowawayDatabase> {
  if (embedded) {
    const dataDir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
    const database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pglite") });
    return {
      url: database.url,
      drop: async () => {
        await database.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await asAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Runs `fn` with a connected client and closes it. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function listTables(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    return rows.map((row) => row.name);
  });
}
