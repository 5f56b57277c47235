/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with
 * the SQL from the schema as of the last migration (prisma/migrations/schema.prisma.snapshot) to
 * prisma/schema.prisma, then updates the snapshot. Needs no database: `prisma migrate dev` would
 * diff against a shadow database, which the offline engine cannot introspect.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  defaultMigrationsDir,
  defaultSchemaPath,
  ensureLockFile,
  listMigrationNames,
  migrationFilePath,
  projectRoot,
  readSnapshot,
  SNAPSHOT_FILE,
  writeSnapshot,
} from "./migrations-dir";
import { diffSchemas, engineMessage } from "./schema-engine";

export interface CreateMigrationOptions {
  schemaPath?: string;
  migrationsDir?: string;
  now?: Date;
}

/** Prisma's migration folder timestamp, UTC: 20261126045912. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** Lower-case words joined by "_", as `prisma migrate dev --name` would; "" when nothing is left. */
export function migrationSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
}

/** Later than every existing migration even if the clock went back or two runs share a second. */
function nextPrefix(now: Date, existing: string[]): string {
  let prefix = timestamp(now);
  const last = existing.at(-1)?.slice(0, 14);
  if (last && /^\d{14}$/.test(last) && prefix <= last) prefix = (BigInt(last) + 1n).toString();
  return prefix;
}

/**
 * Creates the next migration and returns its folder name, or null when the schema has not changed
 * since the last migration. Throws on an invalid schema, or when migrations exist but the snapshot
 * does not (diffing from empty would then recreate every table).
 */
export async function createMigration(name: string, options: CreateMigrationOptions = {}): Promise<{ created: string | null }> {
  const slug = migrationSlug(name);
  if (!slug) throw new Error(`"${name}" is not a usable migration name; use letters, digits and "_".`);
  const schemaPath = options.schemaPath ?? defaultSchemaPath;
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir;

  const schema = await readFile(schemaPath, "utf8");
  const snapshot = await readSnapshot(migrationsDir);
  const existing = await listMigrationNames(migrationsDir);
  if (snapshot === null && existing.length > 0) {
    throw new Error(
      `${path.join(migrationsDir, SNAPSHOT_FILE)} is missing but migrations exist. Restore it from git, or write the schema ` +
        `as of the last migration there, then run this again.`,
    );
  }

  let sql: string | null;
  try {
    const to = [{ path: schemaPath, content: schema }];
    sql = await diffSchemas(snapshot === null ? "empty" : [{ path: SNAPSHOT_FILE, content: snapshot }], to);
  } catch (error) {
    throw new Error(engineMessage(error), { cause: error });
  }
  if (sql === null) return { created: null };

  const folder = `${nextPrefix(options.now ?? new Date(), existing)}_${slug}`;
  await writeMigration(migrationsDir, folder, sql);
  await ensureLockFile(migrationsDir);
  await writeSnapshot(migrationsDir, schema);
  return { created: folder };
}

async function writeMigration(migrationsDir: string, folder: string, sql: string): Promise<void> {
  await mkdir(migrationsDir, { recursive: true });
  // Not recursive: an existing folder of that name is an error, as in Prisma.
  await mkdir(path.join(migrationsDir, folder));
  await writeFile(path.join(migrationsDir, folder, "migration.sql"), sql);
}

async function main(): Promise<void> {
  const name = process.argv.slice(2).join(" ");
  if (!name) throw new Error("Usage: npm run db:migration -- <name>   (for example: add_post_views)");
  const { created } = await createMigration(name);
  if (created === null) {
    console.log("No changes: prisma/schema.prisma matches the last migration; nothing created.");
    return;
  }
  console.log(`Created ${path.relative(projectRoot, migrationFilePath(defaultMigrationsDir, created))}`);
  console.log("Review it, then apply it with: npm run db:migrate");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
