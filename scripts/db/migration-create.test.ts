import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigration, migrationSlug } from "./migration-create";
import { SNAPSHOT_FILE } from "./migrations-dir";

const base = 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Note {\n  id Int @id\n';

describe("createMigration", () => {
  let dir: string;
  let schemaPath: string;
  let migrationsDir: string;
  const write = (schema: string) => writeFile(schemaPath, schema);
  const sqlOf = (folder: string) => readFile(path.join(migrationsDir, folder, "migration.sql"), "utf8");

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "quire-migration-create-"));
    schemaPath = path.join(dir, "schema.prisma");
    migrationsDir = path.join(dir, "migrations");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("creates the first migration from empty, with the lock file and the snapshot", async () => {
    await write(`${base}}\n`);

    const { created } = await createMigration("Init!", { schemaPath, migrationsDir, now: new Date("2026-03-04T05:06:07Z") });

    expect(created).toBe("20260304050607_init");
    expect(await sqlOf("20260304050607_init")).toContain('CREATE TABLE "Note"');
    expect(await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
    expect(await readFile(path.join(migrationsDir, SNAPSHOT_FILE), "utf8")).toBe(`${base}}\n`);
  });

  it("creates nothing when the schema has not changed", async () => {
    expect(await createMigration("again", { schemaPath, migrationsDir })).toEqual({ created: null });
    expect((await readdir(migrationsDir)).sort()).toEqual(["20260304050607_init", "migration_lock.toml", SNAPSHOT_FILE]);
  });

  it("diffs from the snapshot, after the last migration even if the clock is behind", async () => {
    await write(`${base}  title String?\n}\n`);

    const { created } = await createMigration("add title", { schemaPath, migrationsDir, now: new Date("2020-01-01T00:00:00Z") });

    expect(created).toBe("20260304050608_add_title");
    const sql = await sqlOf("20260304050608_add_title");
    expect(sql).toContain('ALTER TABLE "Note" ADD COLUMN');
    expect(sql).not.toContain("CREATE TABLE");
  });

  it("refuses to diff from empty when migrations exist but the snapshot is gone", async () => {
    await rm(path.join(migrationsDir, SNAPSHOT_FILE));
    await expect(createMigration("oops", { schemaPath, migrationsDir })).rejects.toThrow(/snapshot|is missing/);
  });
});

describe("migrationSlug", () => {
  it("keeps lower-case words joined by underscores", () => {
    expect(migrationSlug("Add post views")).toBe("add_post_views");
    expect(migrationSlug("--")).toBe("");
  });
});
