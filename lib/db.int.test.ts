import { afterAll, expect, it } from "vitest";
import { db, queryPrepared } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { runId } from "@/tests/integration/fixtures";

const table = Prisma.raw(`kept_statement_${runId}`);
const concurrentTable = Prisma.raw(`kept_statement_concurrent_${runId}`);

afterAll(async () => {
  await db.$executeRaw`DROP TABLE IF EXISTS ${table}`;
  await db.$executeRaw`DROP TABLE IF EXISTS ${concurrentTable}`;
});

it("runs a kept statement again unnamed once a migration changed the type of a column it returns", async () => {
  await db.$executeRaw`CREATE TABLE ${table} (id text PRIMARY KEY, n integer NOT NULL)`;
  await db.$executeRaw`INSERT INTO ${table} VALUES ('a', 1)`;
  const read = () => queryPrepared<{ n: number | bigint }[]>("kept_test", Prisma.sql`SELECT n FROM ${table} WHERE id = ${"a"}`);
  // Past PostgreSQL's first five custom plans, so the connection holds a generic one.
  for (let run = 0; run < 7; run++) expect(await read()).toEqual([{ n: 1 }]);
  await db.$executeRaw`ALTER TABLE ${table} ALTER COLUMN n TYPE bigint`;
  expect(await read()).toEqual([{ n: 1n }]);
  expect(await read()).toEqual([{ n: 1n }]);
});

it("retries every call refused at once on several connections, not only the first", async () => {
  await db.$executeRaw`CREATE TABLE ${concurrentTable} (id text PRIMARY KEY, n integer NOT NULL)`;
  await db.$executeRaw`INSERT INTO ${concurrentTable} VALUES ('a', 1)`;
  const read = () => queryPrepared<{ n: number | bigint }[]>("kept_concurrent_test", Prisma.sql`SELECT n FROM ${concurrentTable} WHERE id = ${"a"}`);
  const together = (count: number) => Promise.all(Array.from({ length: count }, read));
  // Concurrent calls take connections of their own, so several connections hold a generic plan.
  for (let run = 0; run < 7; run++) expect(await together(4)).toEqual(Array(4).fill([{ n: 1 }]));
  await db.$executeRaw`ALTER TABLE ${concurrentTable} ALTER COLUMN n TYPE bigint`;
  expect(await together(4)).toEqual(Array(4).fill([{ n: 1n }]));
});
