import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  /** Migrations in prisma/migrations that the database has not finished applying. */
  pendingMigrations: string[];
}

/** A load balancer gives up on a check long before a hung connection would time out. */
const DATABASE_TIMEOUT_MS = 2_000;

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(path.join(process.cwd(), "prisma/migrations"), { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether this instance can serve every request: the database answers and has every migration this
 * build ships. Never throws; for /readyz, which anyone may call, so it says nothing more than that.
 */
export async function checkReadiness(): Promise<Readiness> {
  const expected = await migrationNames();
  let applied: string[];
  try {
    const rows = await withTimeout(
      db.$queryRaw<{ name: string }[]>`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      DATABASE_TIMEOUT_MS,
    );
    applied = rows.map((row) => row.name);
  } catch (error) {
    console.error("Readiness check: the database did not answer", error instanceof Error ? error.message : error);
    return { ready: false, database: "unreachable", pendingMigrations: expected };
  }
  const done = new Set(applied);
  const pendingMigrations = expected.filter((name) => !done.has(name)).sort();
  return { ready: pendingMigrations.length === 0, database: "ok", pendingMigrations };
}

/** How long one answer of databaseReachable stands: an outage makes many pages fail at once. */
const REACHABILITY_TTL_MS = 3_000;
let reachability: { at: number; reachable: Promise<boolean> } | undefined;

/**
 * Whether the database answers a trivial query within a second, asked at most once every few seconds.
 * Never throws.
 */
export function databaseReachable(now = Date.now()): Promise<boolean> {
  if (!reachability || now - reachability.at > REACHABILITY_TTL_MS) {
    reachability = {
      at: now,
      reachable: withTimeout(db.$queryRaw`SELECT 1`, 1_000).then(
        () => true,
        () => false,
      ),
    };
  }
  return reachability.reachable;
}
