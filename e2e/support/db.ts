import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";

let client: PrismaClient | undefined;

/** A Prisma client for test data, on the same database as the server under test. */
export function testDb(): PrismaClient {
  client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
  return client;
}

/**
 * Forgets the password-reset requests counted per client address. Every test browser asks from this
 * machine's address, so a suite run more than once an hour would otherwise meet the limit.
 */
export async function forgetResetRequestsFromHere(): Promise<void> {
  await testDb().$executeRaw`DELETE FROM sign_in_throttle WHERE key LIKE 'forgot.addr:%'`;
}
