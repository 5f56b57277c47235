import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataDirInUseError, startEmbeddedPostgres } from "./embedded.mjs";
import { applyMigrations } from "./migrate";
import { listTables, withClient } from "./test-database";

const embeddedModule = path.join(import.meta.dirname, "embedded.mjs");

/** Runs `body` in a fresh Node process where `start` is startEmbeddedPostgres. */
function runInChild(body: string): ChildProcess {
  const code = `const { startEmbeddedPostgres: start } = await import(${JSON.stringify(embeddedModule)});\n${body}`;
  return spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "pipe"] });
}

function outputOf(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return { stdout: () => stdout, stderr: () => stderr };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
}

async function untilPrinted(child: ChildProcess, output: () => string, marker: string): Promise<void> {
  const exit = exited(child).then(({ code }) => {
    throw new Error(`child exited (${code}) before printing ${marker}: ${output()}`);
  });
  const printed = new Promise<void>((resolve) => {
    const check = () => (output().includes(marker) ? resolve() : undefined);
    child.stdout?.on("data", check);
    check();
  });
  await Promise.race([printed, exit]);
}

function rowsOf(url: string, sql: string): Promise<unknown[]> {
  return withClient(url, async (client) => (await client.query(sql)).rows);
}

// The tests share one data directory, since creating one costs seconds, and build on each other's rows.
describe("the embedded PostgreSQL server", () => {
  let dir: string;
  let dataDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "quire-embedded-"));
    dataDir = path.join(dir, "nested", "pglite");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("takes the project's migrations and keeps its data across a stop and a start", async () => {
    const first = await startEmbeddedPostgres({ dataDir });
    expect(first.url).toMatch(/^postgresql:\/\/postgres@localhost:\d+\/postgres\?sslmode=disable$/);
    expect((await applyMigrations(first.url)).applied.length).toBeGreaterThan(0);
    await rowsOf(first.url, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('kept')");
    await first.stop();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await rowsOf(second.url, "SELECT body FROM notes")).toEqual([{ body: "kept" }]);
      expect(await listTables(second.url)).toEqual(expect.arrayContaining(["_prisma_migrations", "posts", "users"]));
      expect(await applyMigrations(second.url)).toEqual({ applied: [] });
    } finally {
      await second.stop();
    }
  });

  it("refuses a second start on the same directory, from another process or this one", async () => {
    const running = await startEmbeddedPostgres({ dataDir });
    try {
      const child = runInChild(
        `try { await start({ dataDir: ${JSON.stringify(dataDir)} }); console.log("STARTED"); }\n` +
          `catch (error) { console.error(error.message); process.exit(3); }`,
      );
      const output = outputOf(child);
      expect(await exited(child)).toEqual({ code: 3, signal: null });
      expect(output.stderr()).toContain(`is in use by process ${process.pid}; stop it first`);

      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(DataDirInUseError);
      expect(await rowsOf(running.url, "SELECT body FROM notes")).toEqual([{ body: "kept" }]);
    } finally {
      await running.stop();
    }
  });

  it("stops cleanly on SIGTERM when nothing else handles it", async () => {
    const child = runInChild(
      `const db = await start({ dataDir: ${JSON.stringify(dataDir)} });\n` +
        `const pg = (await import("pg")).default; const c = new pg.Client(db.url); c.on("error", () => {}); await c.connect();\n` +
        `await c.query("INSERT INTO notes VALUES ('before sigterm')"); await c.query("BEGIN");\n` +
        `console.log("READY"); setInterval(() => {}, 1000);`,
    );
    const output = outputOf(child);
    await untilPrinted(child, output.stdout, "READY");

    child.kill("SIGTERM");

    expect(await exited(child)).toEqual({ code: null, signal: "SIGTERM" });
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("takes over from a killed process and keeps what it had committed", async () => {
    const child = runInChild(
      `const db = await start({ dataDir: ${JSON.stringify(dataDir)} });\n` +
        `const pg = (await import("pg")).default; const c = new pg.Client(db.url); c.on("error", () => {}); await c.connect();\n` +
        `await c.query("INSERT INTO notes VALUES ('committed')");\n` +
        `await c.query("BEGIN"); await c.query("INSERT INTO notes VALUES ('uncommitted')");\n` +
        `console.log("READY"); setInterval(() => {}, 1000);`,
    );
    const output = outputOf(child);
    await untilPrinted(child, output.stdout, "READY");

    child.kill("SIGKILL");
    await exited(child);
    expect(existsSync(`${dataDir}.lock`)).toBe(true);

    const db = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await rowsOf(db.url, "SELECT body FROM notes ORDER BY body")).toEqual([
        { body: "before sigterm" },
        { body: "committed" },
        { body: "kept" },
      ]);
    } finally {
      await db.stop();
    }
  });

  it("answers concurrent parameterised queries over a pool each with its own statement", async () => {
    const db = await startEmbeddedPostgres({ dataDir });
    const pool = new pg.Pool({ connectionString: db.url, max: 10 });
    try {
      // Two shapes of statement, each a Parse/Bind/Describe/Execute/Sync batch: a batch that ran against
      // the other's unnamed statement would come back with the other's columns or value.
      const ask = async (i: number) => {
        if (i % 2 === 0) {
          const { rows } = await pool.query<{ number: number }>("SELECT $1::int AS number", [i]);
          return rows[0]?.number === i;
        }
        const { rows } = await pool.query<{ text: string; kind: string }>("SELECT $1::text AS text, 'odd' AS kind", [`q${i}`]);
        return rows[0]?.text === `q${i}` && rows[0]?.kind === "odd";
      };

      // Every connection open first, so that the batches below queue up behind the transaction, not their start-up.
      await Promise.all(Array.from({ length: 10 }, (_, i) => ask(i)));
      // Other connections' batches queue up behind an open transaction and are all released at its end.
      const holder = await pool.connect();
      await holder.query("BEGIN");
      await holder.query("SELECT $1::int AS held", [1]);
      const asked = Array.from({ length: 200 }, (_, i) => ask(i));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await holder.query("COMMIT");
      holder.release();
      const answers = await Promise.allSettled([...asked, ...Array.from({ length: 200 }, (_, i) => ask(200 + i))]);

      expect(answers.filter((answer) => answer.status !== "fulfilled" || !answer.value)).toEqual([]);
    } finally {
      await pool.end();
      await db.stop();
    }
  });

  it("runs concurrent transactions over a pool without mixing them", async () => {
    const db = await startEmbeddedPostgres({ dataDir });
    const pool = new pg.Pool({ connectionString: db.url, max: 10 });
    try {
      await pool.query("CREATE TABLE moves (owner int, step int)");
      const transaction = async (owner: number) => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query("INSERT INTO moves VALUES ($1, 1)", [owner]);
          await new Promise((resolve) => setTimeout(resolve, owner % 7));
          await client.query("INSERT INTO moves VALUES ($1, 2)", [owner]);
          const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM moves WHERE owner = $1", [owner]);
          await client.query(owner % 2 === 0 ? "COMMIT" : "ROLLBACK");
          return rows[0]?.n;
        } finally {
          client.release();
        }
      };

      const seen = await Promise.all(Array.from({ length: 30 }, (_, owner) => transaction(owner)));

      expect(seen).toEqual(Array.from({ length: 30 }, () => 2));
      const { rows } = await pool.query<{ owner: number }>("SELECT DISTINCT owner FROM moves ORDER BY owner");
      expect(rows.map((row) => row.owner)).toEqual(Array.from({ length: 15 }, (_, i) => i * 2));
    } finally {
      await pool.end();
      await db.stop();
    }
  });
});
