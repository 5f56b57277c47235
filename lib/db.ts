import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const create = () => new PrismaClient({ adapter: new PrismaPg({ connectionString: env.DATABASE_URL }) });

const cached = globalThis as unknown as { prisma?: ReturnType<typeof create> };

/**
 * One client and pool per process. Kept on globalThis: Next's production server holds this module once
 * per bundle layer that imports it (the job worker's instrumentation, the pages, the route handlers),
 * each a module instance of its own, and development reloads it on every change.
 */
export const db = (cached.prisma ??= create());
