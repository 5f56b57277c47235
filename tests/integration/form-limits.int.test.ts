/**
 * Limits on the public forms other than sign-in, against PostgreSQL: forgot-password per address (shown)
 * and per account (silent), invitation acceptance per address.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createRequestThrottle, limitInviteAccept, limitPasswordResetRequest } from "@/lib/auth/throttle";
import { FORM_LIMITS } from "@/lib/auth/throttle-policy";

const address = () => `2001:db8:f0:${randomBytes(2).toString("hex")}::1`;
const email = () => `limit-${randomBytes(4).toString("hex")}@quire.test`;
const pools: pg.Pool[] = [];

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
});

describe("forgot password", () => {
  it("refuses an address after its free requests, with the wait, while other addresses go on", async () => {
    const from = address();
    for (let i = 0; i < FORM_LIMITS.forgotPasswordAddress.points; i++) expect(await limitPasswordResetRequest(from, email())).toMatchObject({ allowed: true });
    const refused = await limitPasswordResetRequest(from, email());
    expect(refused.allowed).toBe(false);
    expect(!refused.allowed && refused.retryAfterSeconds).toBeGreaterThan(3000);
    expect(await limitPasswordResetRequest(address(), email())).toMatchObject({ allowed: true, sendMail: true });
  });

  it("stops mailing one account from many addresses, without changing the answer", async () => {
    const target = email();
    const results = [];
    for (let i = 0; i < FORM_LIMITS.forgotPasswordAccount.points + 2; i++) results.push(await limitPasswordResetRequest(address(), target.toUpperCase()));
    expect(results.every((r) => r.allowed)).toBe(true);
    expect(results.map((r) => r.allowed && r.sendMail)).toEqual([true, true, true, false, false]);
  });
});

describe("accepting an invitation", () => {
  it("refuses an address after its free attempts; one IPv6 /64 counts as one address", async () => {
    const prefix = `2001:db8:f1:${randomBytes(2).toString("hex")}`;
    for (let i = 0; i < FORM_LIMITS.inviteAcceptAddress.points; i++) expect(await limitInviteAccept(`${prefix}::${i + 1}`)).toEqual({ allowed: true });
    expect(await limitInviteAccept(`${prefix}::ffff`)).toMatchObject({ allowed: false });
    expect(await limitInviteAccept(address())).toEqual({ allowed: true });
  });
});

describe("request throttle", () => {
  it("shares its counters between instances (another process, or after a restart)", async () => {
    const namespace = `test.${randomBytes(4).toString("hex")}`;
    const make = () => {
      const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
      pools.push(pool);
      return createRequestThrottle({ store: { kind: "postgres", pool }, secret: "test-secret", namespace, limit: { points: 2, windowSeconds: 60 } });
    };
    const first = make();
    const second = make();
    const key = address();
    expect(await first.consume(key)).toEqual({ allowed: true });
    expect(await first.consume(key)).toEqual({ allowed: true });
    expect(await second.consume(key)).toMatchObject({ allowed: false });
    expect(await second.consume(address())).toEqual({ allowed: true });
  });
});
