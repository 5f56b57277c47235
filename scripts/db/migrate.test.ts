import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, MigrationFailedError } from "./migrate";
import { defaultMigrationsDir, listMigrationNames, migrationFilePath } from "./migrations-dir";
import { createThrowawayDatabase, listTables, withClient, type ThrowawayDatabase } from "./test-database";

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished: boolean;
}

function history(url: string): Promise<HistoryRow[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<HistoryRow>(
      "SELECT migration_name, checksum, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY started_at",
    );
    return rows;
  });
}

/** The table of every model in prisma/schema.prisma (its @@map name), which the migrations must create. */
async function schemaTableNames(): Promise<string[]> {
  const schema = await readFile(path.join(defaultMigrationsDir, "..", "schema.prisma"), "utf8");
  return [...schema.matchAll(/@@map\("([^"]+)"\)/g)].map((match) => match[1]!);
}

/** Everything a failed migration could have touched in the scratch folder's schema. */
async function state(url: string) {
  const tables = await listTables(url);
  const rows = tables.includes("a") ? await withClient(url, async (c) => (await c.query("SELECT id FROM a ORDER BY id")).rows) : [];
  const applied = tables.includes("_prisma_migrations") ? (await history(url)).map((row) => [row.migration_name, row.finished]) : [];
  return { tables, rows, applied };
}

describe("applyMigrations with prisma/migrations", () => {
  let db: ThrowawayDatabase;
  beforeAll(async () => {
    db = await createThrowawayDatabase("quire_test_migrate");
  });
  afterAll(() => db?.drop());

  it("brings an empty database to the schema and records it as prisma migrate deploy does", async () => {
    const names = await listMigrationNames(defaultMigrationsDir);
    expect(names.length).toBeGreaterThan(0);

    const { applied } = await applyMigrations(db.url);

    expect(applied).toEqual(names);
    expect(await listTables(db.url)).toEqual(["_prisma_migrations", ...(await schemaTableNames())].sort());
    const sha256 = async (name: string) => createHash("sha256").update(await readFile(migrationFilePath(defaultMigrationsDir, name))).digest("hex");
    expect(await history(db.url)).toEqual(
      await Promise.all(names.map(async (name) => ({ migration_name: name, checksum: await sha256(name), finished: true }))),
    );
  });

  it("applies nothing the second time", async () => {
    expect(await applyMigrations(db.url)).toEqual({ applied: [] });
  });
});

describe("applyMigrations from several instances starting at once", () => {
  let db: ThrowawayDatabase;
  beforeAll(async () => {
    db = await createThrowawayDatabase("quire_test_migrate_race");
  });
  afterAll(() => db?.drop());

  it("applies each migration once, under the engine's lock, and every instance finishes", async () => {
    const names = await listMigrationNames(defaultMigrationsDir);
    const results = await Promise.all([applyMigrations(db.url), applyMigrations(db.url), applyMigrations(db.url)]);
    // Whoever took the lock first applied them all; the others found nothing left to do.
    expect(results.map((result) => result.applied.length).sort((a, b) => a - b)).toEqual([0, 0, names.length]);
    expect((await history(db.url)).map((row) => [row.migration_name, row.finished])).toEqual(names.map((name) => [name, true]));
  });
});

describe("applyMigrations with a failing migration", () => {
  let db: ThrowawayDatabase;
  let dir: string;
  const write = async (name: string, sql: string) => {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  };

  beforeAll(async () => {
    db = await createThrowawayDatabase("quire_test_migrate_fail");
    dir = await mkdtemp(path.join(tmpdir(), "quire-migrations-"));
  });
  afterAll(async () => {
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("leaves an empty database empty when the first migration fails", async () => {
    await write("1_a", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n  SELEC 1;\n");

    const error = await applyMigrations(db.url, dir).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MigrationFailedError);
    expect(error).toMatchObject({ migrationName: "1_a", sqlState: "42601" });
    expect((error as Error).message).toMatch(/syntax error at or near "SELEC"[\s\S]*line 3, column 3/);
    expect(await state(db.url)).toEqual({ tables: [], rows: [], applied: [] });
  });

  it("applies the fixed migration on the next run", async () => {
    await write("1_a", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n");
    expect(await applyMigrations(db.url, dir)).toEqual({ applied: ["1_a"] });
  });

  it("rolls back every statement of a later failing migration and forgets its failed row", async () => {
    const before = await state(db.url);
    // The semicolons inside the comment and the string must not split the script.
    await write("2_b", "-- adds b; and a row\nCREATE TABLE b (note text DEFAULT 'x;y');\nINSERT INTO a VALUES (2);\nCREATE TABLE a (id int);\n");

    await expect(applyMigrations(db.url, dir)).rejects.toThrow(/Migration 2_b failed[\s\S]*relation "a" already exists/);

    expect(await state(db.url)).toEqual(before);
  });

  it("applies the fixed later migration on the next run", async () => {
    await write("2_b", "-- adds b; and a row\nCREATE TABLE b (note text DEFAULT 'x;y');\nINSERT INTO a VALUES (2);\n");

    expect(await applyMigrations(db.url, dir)).toEqual({ applied: ["2_b"] });
    expect(await state(db.url)).toEqual({ tables: ["_prisma_migrations", "a", "b"], rows: [{ id: 1 }, { id: 2 }], applied: [["1_a", true], ["2_b", true]] });
  });
});
