import "server-only";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const shared = globalThis as unknown as { prisma?: PrismaClient; preparedStatementNames?: Map<string, string> };

/**
 * Statement text → the name it is kept prepared under (see `prepared`). On globalThis with the client
 * (below), whose driver reads it: each bundle layer has a module instance of its own.
 */
const preparedNames = (shared.preparedStatementNames ??= new Map<string, string>());
/** More distinct texts than this means a caller's text varies with its values: the rest run unprepared. */
const MAX_PREPARED = 32;

/**
 * `query`, kept prepared on each pooled connection: PostgreSQL parses and plans it on a connection's first
 * few runs and then reuses the plan, where an unnamed statement is parsed and planned on every run (for
 * the post page's statement that was two thirds of its database CPU, bench/walk.ts). Only for a hot
 * statement whose text is the same for every value (no lists spread into it), and whose plan suits every
 * value (a lookup by a unique key, not a search whose best plan depends on the words).
 *
 * The name carries a hash of the text, so two texts never share one; a schema change re-plans it on its
 * own (PostgreSQL invalidates kept plans), and connections that end take their statements with them.
 * Behind a transaction-pooling PgBouncer, give it `max_prepared_statements`.
 */
export function prepared(name: string, query: Prisma.Sql): Prisma.Sql {
  if (!preparedNames.has(query.text) && preparedNames.size < MAX_PREPARED) {
    preparedNames.set(query.text, `${name}_${createHash("sha256").update(query.text).digest("hex").slice(0, 12)}`);
  }
  return query;
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
