import "server-only";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const shared = globalThis as unknown as { prisma?: PrismaClient; preparedStatementNames?: Map<string, string>; unpreparedStatements?: Set<string> };

/**
 * Statement text → the name it is kept prepared under (see `queryPrepared`), and the texts that run
 * unnamed again. On globalThis with the client (below), whose driver reads them: each bundle layer has a
 * module instance of its own.
 */
const preparedNames = (shared.preparedStatementNames ??= new Map<string, string>());
const unprepared = (shared.unpreparedStatements ??= new Set<string>());
/** More distinct texts than this means a caller's text varies with its values: the rest run unprepared. */
const MAX_PREPARED = 32;

/**
 * Runs `query` kept prepared on each pooled connection: PostgreSQL parses and plans it on a connection's
 * first few runs and then reuses the plan, where an unnamed statement is parsed and planned on every run
 * (for the post page's statement that was two thirds of its database CPU, bench/walk.ts). Only for a hot
 * statement whose text is the same for every value (no lists spread into it), and whose plan suits every
 * value (a lookup by a unique key, not a search whose best plan depends on the words).
 *
 * The name carries a hash of the text, so two texts never share one, and connections that end take their
 * statements with them. PostgreSQL plans a kept statement again after a schema change, but refuses it on
 * every connection that prepared it once a migration changed the type of a column it returns, and the
 * driver never prepares it again: such a statement runs unnamed in this process from then on, and the
 * call is retried once. Behind a transaction-pooling PgBouncer, give it `max_prepared_statements`.
 */
export async function queryPrepared<T>(name: string, query: Prisma.Sql): Promise<T> {
  if (!preparedNames.has(query.text) && !unprepared.has(query.text) && preparedNames.size < MAX_PREPARED) {
    preparedNames.set(query.text, `${name}_${createHash("sha256").update(query.text).digest("hex").slice(0, 12)}`);
  }
  try {
    return await db.$queryRaw<T>(query);
  } catch (error) {
    // Calls on other connections that were sent under the name before the first refusal fail too: they
    // find the text already unprepared and retry as well.
    const wasPrepared = preparedNames.has(query.text) || unprepared.has(query.text);
    if (!wasPrepared || !isChangedResultType(error)) throw error;
    preparedNames.delete(query.text);
    unprepared.add(query.text);
    return db.$queryRaw<T>(query);
  }
}

/** PostgreSQL's refusal of a kept plan whose result columns changed type (SQLSTATE 0A000). */
function isChangedResultType(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const cause = (error.meta as { driverAdapterError?: { cause?: { code?: unknown; message?: unknown } } } | undefined)?.driverAdapterError?.cause;
  return cause?.code === "0A000" && typeof cause.message === "string" && cause.message.includes("cached plan");
}

/** The name the driver prepares a statement under; "" runs it unnamed (pg's own default). */
const statementName = ({ sql }: { sql: string }) => preparedNames.get(sql) ?? "";

const create = () => new PrismaClient({ adapter: new PrismaPg({ connectionString: env.DATABASE_URL }, { statementNameGenerator: statementName }) });

/**
 * One client and pool per process. Kept on globalThis: Next's production server holds this module once
 * per bundle layer that imports it (the job worker's instrumentation, the pages, the route handlers),
 * each a module instance of its own, and development reloads it on every change.
 */
export const db = (shared.prisma ??= create());
