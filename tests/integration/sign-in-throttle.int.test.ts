/**
 * The sign-in throttle against real PostgreSQL: counters in the sign_in_throttle table, shared by every
 * throttle instance, and attempts counted before any password is checked.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptSignIn, type SignInResult } from "@/lib/auth/sign-in";
import { createSignInThrottle, signInThrottle, type SignInThrottle } from "@/lib/auth/throttle";
import { SIGN_IN_POLICY, type ThrottlePolicy } from "@/lib/auth/throttle-policy";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/password";
import { verifyCredentials, type SessionUser } from "@/lib/users";
import { createStaff, removeCreatedData, runId } from "@/tests/integration/fixtures";

const password = `correct horse battery ${runId}`;
const secret = process.env.AUTH_SECRET!;
const pools: pg.Pool[] = [];

/** A throttle on its own pool, as another app instance (or the same one after a restart) would have. */
function instance(policy: ThrottlePolicy, namespace: string): SignInThrottle {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  pools.push(pool);
  return createSignInThrottle({ store: { kind: "postgres", pool }, secret, policy, namespace });
}

let counter = 0;
/** A documentation-range address no other test (or run) uses. */
function freshAddress(): string {
  counter += 1;
  return `2001:db8:${randomBytes(2).toString("hex")}:${counter.toString(16)}::1`;
}

async function staffWithPassword(): Promise<SessionUser> {
  const user = await createStaff("AUTHOR");
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  return user;
}

/** verifyCredentials, recording every password it was asked to check. */
function countingVerify() {
  const checked: string[] = [];
  const verify: typeof verifyCredentials = (email, candidate) => {
    checked.push(candidate);
    return verifyCredentials(email, candidate);
  };
  return { checked, verify };
}

const attempt = (email: string, candidate: string, address: string, deps = {}) =>
  attemptSignIn({ email, password: candidate, address, userAgent: "vitest" }, deps);

beforeAll(async () => {
  // A leftover from an interrupted run must not decide a test; rows of other runs are keyed apart.
  await db.$executeRaw`DELETE FROM sign_in_throttle WHERE expire < ${Date.now()}`;
});

// Redis is optional for Quire, so its suite runs where one answers (CI machines have one on 6379).
const redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
const redisUp = await redis.connect().then(
  () => true,
  () => false,
);

afterAll(async () => {
  redis.disconnect();
  await Promise.all(pools.map((pool) => pool.end()));
  await removeCreatedData();
});

describe("a parallel flood against one account", () => {
  it("checks at most the free attempts, and the right password sent after them does not sign in", async () => {
    const user = await staffWithPassword();
    const address = freshAddress();
    const { checked, verify } = countingVerify();
    const guesses = [...Array.from({ length: 99 }, (_, i) => `wrong ${i} ${runId}`), password];

    const results = await Promise.all(guesses.map((guess) => attempt(user.email, guess, address, { verify })));

    const wrongChecked = checked.filter((guess) => guess !== password);
    expect(wrongChecked.length).toBeLessThanOrEqual(SIGN_IN_POLICY.accountAddress.freeAttempts);
    expect(checked.length).toBeLessThanOrEqual(SIGN_IN_POLICY.accountAddress.freeAttempts + 1);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited").length).toBeGreaterThanOrEqual(100 - checked.length);

    const after = await attempt(user.email, password, address, { verify });
    expect(after).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(checked.filter((guess) => guess === password).length).toBeLessThanOrEqual(1);
    // The lock-out is the growing one (10 minutes first), not what is left of the hour's window.
    const retry = (after as Extract<SignInResult, { reason: "rate_limited" }>).retryAfterSeconds;
    expect(retry).toBeGreaterThan(9 * 60);
    expect(retry).toBeLessThanOrEqual(SIGN_IN_POLICY.accountAddress.windowSeconds);
  });

  it("does not stop the owner signing in from an address that has not failed", async () => {
    const owner = await staffWithPassword();
    const attackers = Array.from({ length: 10 }, () => freshAddress());
    const flood = attackers.flatMap((address) => Array.from({ length: 8 }, (_, i) => attempt(owner.email, `guess ${i}`, address)));
    const results = await Promise.all(flood);
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(results.some((r) => !r.ok && r.reason === "rate_limited")).toBe(true);

    const signedIn = await attempt(owner.email, password, freshAddress());
    expect(signedIn).toMatchObject({ ok: true, userId: owner.id });
  });
});

describe("limits per address", () => {
  it("stop one address trying one password against many accounts", async () => {
    const address = freshAddress();
    const { checked, verify } = countingVerify();
    const results: SignInResult[] = [];
    for (let i = 0; i < SIGN_IN_POLICY.address.freeAttempts + 3; i++) {
      results.push(await attempt(`someone-${i}-${runId}@quire.test`, "Summer2026!", address, { verify }));
    }
    expect(checked).toHaveLength(SIGN_IN_POLICY.address.freeAttempts);
    expect(results.slice(0, SIGN_IN_POLICY.address.freeAttempts).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results.slice(SIGN_IN_POLICY.address.freeAttempts).every((r) => !r.ok && r.reason === "rate_limited")).toBe(true);

    // Even a real account with its right password waits: the address is locked out, not the account.
    const user = await staffWithPassword();
    expect(await attempt(user.email, password, address)).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await attempt(user.email, password, freshAddress())).toMatchObject({ ok: true });
  });

  it("count IPv6 addresses of one /64 network as one address", async () => {
    const user = await staffWithPassword();
    const prefix = `2001:db8:${randomBytes(2).toString("hex")}:abcd`;
    for (let i = 1; i <= SIGN_IN_POLICY.accountAddress.freeAttempts; i++) {
      expect(await attempt(user.email, "wrong", `${prefix}::${i.toString(16)}`)).toMatchObject({ reason: "invalid" });
    }
    expect(await attempt(user.email, password, `${prefix}::ffff`)).toMatchObject({ ok: false, reason: "rate_limited" });
  });
});

describe("answers", () => {
  it("are the same for an unknown email and a wrong password, and both are counted", async () => {
    const user = await staffWithPassword();
    const address = freshAddress();
    const unknown = `nobody-${runId}-${counter}@quire.test`;
    expect(await attempt(unknown, "whatever", address)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(user.email, "whatever", address)).toEqual({ ok: false, reason: "invalid" });
    for (let i = 1; i < SIGN_IN_POLICY.accountAddress.freeAttempts; i++) await attempt(unknown, "whatever", address);
    expect(await attempt(unknown, "whatever", address)).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("start a session on success, recording the browser and address", async () => {
    const user = await staffWithPassword();
    const address = freshAddress();
    const result = await attempt(user.email, password, address);
    expect(result).toMatchObject({ ok: true, userId: user.id, tokenVersion: 0 });
    const session = await db.session.findUniqueOrThrow({ where: { id: (result as { sessionId: string }).sessionId } });
    expect(session).toMatchObject({ userId: user.id, userAgent: "vitest", ip: address, revokedAt: null });
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(30 * 24 * 3600 * 1000);
  });

  it("keep counting the failures before a success, so successes cannot be interleaved to guess more", async () => {
    const user = await staffWithPassword();
    const address = freshAddress();
    const free = SIGN_IN_POLICY.accountAddress.freeAttempts;
    for (let i = 1; i < free; i++) expect(await attempt(user.email, "wrong", address)).toMatchObject({ reason: "invalid" });
    expect(await attempt(user.email, password, address)).toMatchObject({ ok: true });
    expect(await attempt(user.email, "wrong", address)).toMatchObject({ reason: "invalid" });
    expect(await attempt(user.email, password, address)).toMatchObject({ ok: false, reason: "rate_limited" });
  });
});

describe("counters in PostgreSQL", () => {
  const quick: ThrottlePolicy = {
    accountAddress: { freeAttempts: 2, windowSeconds: 60, firstLockoutSeconds: 1, maxLockoutSeconds: 2, lockoutMemorySeconds: 60 },
    address: { freeAttempts: 100, windowSeconds: 60, firstLockoutSeconds: 60, maxLockoutSeconds: 60, lockoutMemorySeconds: 60 },
  };

  it("are shared by every instance and outlive a restart", async () => {
    const namespace = `test-${runId}-shared`;
    const address = freshAddress();
    const first = instance(quick, namespace);
    const reservation = await first.reserve("shared@quire.test", address);
    expect(reservation.allowed).toBe(true);
    if (reservation.allowed) await reservation.settle("failure");

    const second = instance(quick, namespace);
    const again = await second.reserve("shared@quire.test", address);
    expect(again.allowed).toBe(true);
    if (again.allowed) await again.settle("failure");
    expect(await instance(quick, namespace).reserve("shared@quire.test", address)).toMatchObject({ allowed: false });
    expect((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM sign_in_throttle WHERE key LIKE ${`${namespace}%`}`)[0]!.n).toBeGreaterThan(0n);
  });

  it("store no e-mail address or IP address", async () => {
    const namespace = `test-${runId}-private`;
    const throttle = instance(quick, namespace);
    const reservation = await throttle.reserve("private-person@quire.test", "198.51.100.77");
    if (reservation.allowed) await reservation.settle("failure");
    const keys = await db.$queryRaw<{ key: string }[]>`SELECT key FROM sign_in_throttle WHERE key LIKE ${`${namespace}%`}`;
    expect(keys.length).toBeGreaterThan(0);
    for (const { key } of keys) {
      expect(key).not.toContain("private-person");
      expect(key).not.toContain("198.51.100.77");
    }
  });

  it("lock out for longer each time the free attempts are used up again", async () => {
    const throttle = instance(quick, `test-${runId}-growing`);
    const address = freshAddress();
    const fail = async () => {
      const reservation = await throttle.reserve("growing@quire.test", address);
      if (reservation.allowed) await reservation.settle("failure");
      return reservation;
    };
    await fail();
    await fail();
    const firstLock = await throttle.reserve("growing@quire.test", address);
    expect(firstLock).toEqual({ allowed: false, retryAfterSeconds: 1 });

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await fail()).allowed).toBe(true);
    expect((await fail()).allowed).toBe(true);
    expect(await throttle.reserve("growing@quire.test", address)).toEqual({ allowed: false, retryAfterSeconds: 2 });

    await throttle.clear("growing@quire.test", address);
    expect((await throttle.reserve("growing@quire.test", address)).allowed).toBe(true);
  });

  it("are the application's own throttle's too", async () => {
    expect(signInThrottle()).toBe(signInThrottle());
  });
});

describe.runIf(redisUp)("counters in Redis (REDIS_URL)", () => {
  const redisThrottle = (policy: ThrottlePolicy = SIGN_IN_POLICY, namespace = `test-${runId}-redis`) =>
    createSignInThrottle({ store: { kind: "redis", client: redis }, secret, policy, namespace });

  it("hold against the parallel flood too", async () => {
    const user = await staffWithPassword();
    const address = freshAddress();
    const throttle = redisThrottle();
    const { checked, verify } = countingVerify();
    const guesses = [...Array.from({ length: 99 }, (_, i) => `wrong ${i}`), password];
    await Promise.all(guesses.map((guess) => attempt(user.email, guess, address, { verify, throttle })));
    expect(checked.filter((guess) => guess !== password).length).toBeLessThanOrEqual(SIGN_IN_POLICY.accountAddress.freeAttempts);
    expect(await attempt(user.email, password, address, { verify, throttle })).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await attempt(user.email, password, freshAddress(), { throttle })).toMatchObject({ ok: true });
    await throttle.clear(user.email, address);
  });

  it("are shared by every client and grow their lock-outs", async () => {
    const quick: ThrottlePolicy = {
      accountAddress: { freeAttempts: 1, windowSeconds: 60, firstLockoutSeconds: 1, maxLockoutSeconds: 60, lockoutMemorySeconds: 60 },
      address: { freeAttempts: 100, windowSeconds: 60, firstLockoutSeconds: 60, maxLockoutSeconds: 60, lockoutMemorySeconds: 60 },
    };
    const address = freshAddress();
    const namespace = `test-${runId}-redis-growing`;
    const first = redisThrottle(quick, namespace);
    const reservation = await first.reserve("growing@quire.test", address);
    if (reservation.allowed) await reservation.settle("failure");
    const otherClient = redis.duplicate();
    const other = createSignInThrottle({ store: { kind: "redis", client: otherClient }, secret, policy: quick, namespace });
    expect(await other.reserve("growing@quire.test", address)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    await first.clear("growing@quire.test", address);
    otherClient.disconnect();
  });

  it("keep limiting in memory while Redis is unreachable", async () => {
    const down = new Redis("redis://127.0.0.1:1", { enableOfflineQueue: true, maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    down.on("error", () => undefined);
    const quick: ThrottlePolicy = {
      accountAddress: { freeAttempts: 2, windowSeconds: 60, firstLockoutSeconds: 60, maxLockoutSeconds: 60, lockoutMemorySeconds: 60 },
      address: { freeAttempts: 100, windowSeconds: 60, firstLockoutSeconds: 60, maxLockoutSeconds: 60, lockoutMemorySeconds: 60 },
    };
    const throttle = createSignInThrottle({ store: { kind: "redis", client: down }, secret, policy: quick, namespace: `test-${runId}-redis-down` });
    const address = freshAddress();
    for (let i = 0; i < 2; i++) {
      const reservation = await throttle.reserve("outage@quire.test", address);
      expect(reservation.allowed).toBe(true);
      if (reservation.allowed) await reservation.settle("failure");
    }
    expect(await throttle.reserve("outage@quire.test", address)).toMatchObject({ allowed: false });
    down.disconnect();
  });
});
