/**
 * Lock-outs as administrators see and lift them, against real PostgreSQL: a throttle (its counters in
 * sign_in_throttle) tells lib/auth/lockouts of each lock-out; lifting one lets the next attempt through.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listActiveLockouts, liftLockout, recordLockout } from "@/lib/auth/lockouts";
import { createSignInThrottle, type SignInThrottle } from "@/lib/auth/throttle";
import { SIGN_IN_POLICY } from "@/lib/auth/throttle-policy";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/users";
import { createStaff, expectDomainError, removeCreatedData, runId } from "@/tests/integration/fixtures";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
let throttle: SignInThrottle;
let admin: SessionUser;
let editor: SessionUser;
let author: SessionUser;
const addresses: string[] = [];

function freshAddress(): string {
  const address = `2001:db8:${randomBytes(2).toString("hex")}:${(addresses.length + 1).toString(16)}::7`;
  addresses.push(address);
  return address;
}

/** Fails the free attempts of `email` from `address`, which starts a lock-out. */
async function lockOut(email: string, address: string): Promise<void> {
  for (let i = 0; i < SIGN_IN_POLICY.accountAddress.freeAttempts; i++) {
    const reservation = await throttle.reserve(email, address);
    if (!reservation.allowed) throw new Error("locked out too early");
    await reservation.settle("failure");
  }
}

beforeAll(async () => {
  throttle = createSignInThrottle({ store: { kind: "postgres", pool }, secret: process.env.AUTH_SECRET!, namespace: `lockouts-${runId}`, onLockout: (lockout) => recordLockout(lockout) });
  [admin, editor, author] = await Promise.all([createStaff("ADMIN"), createStaff("EDITOR"), createStaff("AUTHOR")]);
});

afterAll(async () => {
  await db.signInLockout.deleteMany({ where: { address: { in: addresses } } });
  await db.auditEntry.deleteMany({ where: { action: { in: ["auth.lockout", "auth.unlock"] }, ipAddress: { in: addresses } } });
  await removeCreatedData();
  await pool.end();
});

describe("sign-in lock-outs", () => {
  it("are listed for administrators with the account's name, and lifting one lets sign-in through again", async () => {
    const address = freshAddress();
    await lockOut(author.email, address);
    expect((await throttle.reserve(author.email, address)).allowed).toBe(false);

    const listed = (await listActiveLockouts(admin)).filter((lockout) => lockout.address === address);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ scope: "account_address", email: author.email.toLowerCase(), userName: author.name });
    expect(listed[0]!.lockedUntil.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    const audit = await db.auditEntry.findFirst({ where: { action: "auth.lockout", ipAddress: address } });
    expect(audit?.actorEmail).toBe(author.email.toLowerCase());

    await liftLockout(admin, listed[0]!.id, throttle);
    expect((await listActiveLockouts(admin)).filter((lockout) => lockout.address === address)).toEqual([]);
    const next = await throttle.reserve(author.email, address);
    expect(next.allowed).toBe(true);
    if (next.allowed) await next.settle("success");
    const unlock = await db.auditEntry.findFirst({ where: { action: "auth.unlock", actorId: admin.id, targetLabel: author.email.toLowerCase() } });
    expect(unlock).not.toBeNull();
    // Lifted once: a second lift finds nothing to lift.
    await expectDomainError(liftLockout(admin, listed[0]!.id, throttle), "NOT_FOUND");
  });

  it("lifts an address lock-out without touching other addresses", async () => {
    const address = freshAddress();
    const other = freshAddress();
    await recordLockout({ scope: "address", email: null, address, seconds: 3600 });
    await lockOut(`someone-${runId}@quire.test`, other);
    const mine = (await listActiveLockouts(admin)).find((lockout) => lockout.address === address);
    expect(mine).toMatchObject({ scope: "address", email: null, userName: null });
    await liftLockout(admin, mine!.id, throttle);
    expect((await listActiveLockouts(admin)).some((lockout) => lockout.address === other)).toBe(true);
    expect((await throttle.reserve(`someone-${runId}@quire.test`, other)).allowed).toBe(false);
  });

  it("are neither shown nor lifted for editors and below", async () => {
    const address = freshAddress();
    await recordLockout({ scope: "account_address", email: "x@quire.test", address, seconds: 600 });
    const id = (await listActiveLockouts(admin)).find((lockout) => lockout.address === address)!.id;
    await expectDomainError(listActiveLockouts(editor), "FORBIDDEN");
    await expectDomainError(liftLockout(editor, id, throttle), "FORBIDDEN");
    await expectDomainError(liftLockout(author, id, throttle), "FORBIDDEN");
    expect((await listActiveLockouts(admin)).some((lockout) => lockout.id === id)).toBe(true);
  });

  it("ignores lock-outs that have ended", async () => {
    const address = freshAddress();
    await recordLockout({ scope: "address", email: null, address, seconds: 60 }, new Date(Date.now() - 3_600_000));
    expect((await listActiveLockouts(admin)).some((lockout) => lockout.address === address)).toBe(false);
  });
});
