import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLiveAdapterFactory, diffSchemas } from "./schema-engine";
import { createThrowawayDatabase, withClient, type ThrowawayDatabase } from "./test-database";

const datasource = 'datasource db {\n  provider = "postgresql"\n}\n';
const schema = (model: string) => [{ path: "schema.prisma", content: `${datasource}\n${model}` }];

describe("diffSchemas", () => {
  it("creates every table when starting from empty", async () => {
    const sql = await diffSchemas("empty", schema("model Note {\n  id Int @id\n}\n"));
    expect(sql).toContain('CREATE TABLE "Note"');
  });

  it("answers null when the schemas describe the same database", async () => {
    const note = schema("model Note {\n  id Int @id\n}\n");
    const reformatted = schema("/// A note.\nmodel Note {\n  id   Int   @id\n}\n");
    expect(await diffSchemas(note, reformatted)).toBeNull();
  });

  it("rejects an invalid schema with the engine's explanation", async () => {
    await expect(diffSchemas("empty", schema("model Note {\n  id Nope @id\n}\n"))).rejects.toThrow(/Nope/);
  });
});

// The embedded server answers every database name with its one database, so a shadow database is a
// PostgreSQL-server feature (no project script uses it; this guards the adapter wrapper).
describe.skipIf(process.env.QUIRE_TEST_EMBEDDED === "1")("the live adapter's shadow database", () => {
  let db: ThrowawayDatabase;
  beforeAll(async () => {
    db = await createThrowawayDatabase("quire_test_engine");
  });
  afterAll(() => db?.drop());

  it("is a database of its own, dropped when the engine disposes of it", async () => {
    const factory = createLiveAdapterFactory(db.url);
    try {
      const shadow = await factory.connectToShadowDb();
      const result = await shadow.queryRaw({ sql: "SELECT current_database()", args: [], argTypes: [] });
      const name = String(result.rows[0]?.[0]);
      expect(name).toMatch(/^prisma_migrate_shadow_db_/);

      await shadow.dispose();

      const left = await withClient(db.url, (client) => client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]));
      expect(left.rowCount).toBe(0);
    } finally {
      await factory.pool.end();
    }
  });
});
