import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const create = () => new PrismaClient({ adapter: new PrismaPg({ connectionString: env.DATABASE_URL }) });

const cached = globalThis as unknown as { prisma?: ReturnType<typeof create> };

/** One pool per process, kept across dev hot reloads. */
export const db = cached.prisma ?? create();
if (process.env.NODE_ENV !== "production") cached.prisma = db;
