/**
 * Two-factor sign-in against PostgreSQL: enrolment, the password step giving no session, codes and
 * recovery codes each usable once (also when raced), codes counted by the throttle, the pending token
 * voided by a password change, disabling, and the site-wide requirement.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { createSignInThrottle } from "@/lib/auth/throttle";
import {
  confirmEnrolment,
  consumeSecondFactor,
  disableTwoFactor,
  getTwoFactorStatus,
  needsTwoFactorEnrolment,
  setTwoFactorRequired,
  startEnrolment,
} from "@/lib/auth/two-factor";
import { totpCode } from "@/lib/auth/two-factor-crypto";
import { attemptSecondFactor } from "@/lib/auth/two-factor-sign-in";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/password";
import { createStaff, removeCreatedData, runId } from "@/tests/integration/fixtures";

const password = `quiet harbour lantern ${runId}`;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const throttle = createSignInThrottle({ store: { kind: "postgres", pool }, secret: process.env.AUTH_SECRET!, namespace: `test-2fa-${runId}` });
const address = () => `2001:db8:2f:${randomBytes(2).toString("hex")}::1`;

afterEach(async () => {
  await db.twoFactorPolicy.deleteMany({});
});
afterAll(async () => {
  await removeCreatedData();
  await pool.end();
});

/** A staff member with two-factor on; returns the plain secret and recovery codes. */
async function enrolled(role: "AUTHOR" | "ADMIN" = "AUTHOR", now = new Date()) {
  const user = await createStaff(role);
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  const { secret, qrSvg, otpauthUri } = await startEnrolment(user);
  expect(qrSvg).toContain("<svg");
  expect(otpauthUri).toContain(`secret=${secret}`);
  const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { twoFactorPending: true } });
  expect(stored.twoFactorPending).not.toContain(secret);
  const codes = await confirmEnrolment(user, totpCode(secret, now), now);
  return { user, secret, codes };
}

describe("two-factor enrolment", () => {
  it("needs a right code, then stores the secret encrypted and ten hashed recovery codes", async () => {
    const user = await createStaff("AUTHOR");
    const { secret } = await startEnrolment(user);
    await expect(confirmEnrolment(user, "000000".replace(/0/g, (_, i) => String((Number(totpCode(secret, new Date())[i]) + 1) % 10)))).rejects.toThrow(/not right/);
    const codes = await confirmEnrolment(user, totpCode(secret, new Date()));
    expect(codes).toHaveLength(10);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { twoFactorSecret: true, twoFactorPending: true } });
    expect(row.twoFactorSecret).toMatch(/^v1\./);
    expect(row.twoFactorSecret).not.toContain(secret);
    expect(row.twoFactorPending).toBeNull();
    const hashes = await db.twoFactorRecoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true } });
    expect(hashes.map((h) => h.codeHash)).not.toContain(codes[0]);
    expect(await getTwoFactorStatus(user)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
  });
});

describe("two-factor sign-in", () => {
  it("gives no session after the password, only a pending token; a code then signs in, once", async () => {
    const now = new Date();
    const { user, secret } = await enrolled("AUTHOR", new Date(now.getTime() - 60_000));
    const from = address();
    const first = await attemptSignIn({ email: user.email, password, address: from, userAgent: null }, { throttle });
    expect(first).toMatchObject({ ok: false, reason: "two_factor" });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    if (first.ok || first.reason !== "two_factor") throw new Error("expected the second step");

    const code = totpCode(secret, new Date());
    const ok = await attemptSecondFactor({ pendingToken: first.pendingToken, code, address: from, userAgent: null }, { throttle });
    expect(ok).toMatchObject({ ok: true, userId: user.id });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
    // The same code again (replay within its window) is refused.
    expect(await attemptSecondFactor({ pendingToken: first.pendingToken, code, address: from, userAgent: null }, { throttle })).toEqual({ ok: false, reason: "invalid" });
  });

  it("takes a recovery code once, also when two requests race with it", async () => {
    const { user, codes } = await enrolled();
    const results = await Promise.all([consumeSecondFactor(user.id, codes[0]!), consumeSecondFactor(user.id, codes[0]!.toUpperCase())]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await consumeSecondFactor(user.id, codes[0]!)).toBe(false);
    expect(await consumeSecondFactor(user.id, codes[1]!)).toBe(true);
    expect(await getTwoFactorStatus(user)).toMatchObject({ recoveryCodesLeft: 8 });
  });

  it("lets one of two racing requests with the same TOTP code through", async () => {
    const { user, secret } = await enrolled("AUTHOR", new Date(Date.now() - 60_000));
    const code = totpCode(secret, new Date());
    const results = await Promise.all(Array.from({ length: 5 }, () => consumeSecondFactor(user.id, code)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("counts wrong codes in the sign-in throttle until it locks", async () => {
    const { user } = await enrolled();
    const from = address();
    const first = await attemptSignIn({ email: user.email, password, address: from, userAgent: null }, { throttle });
    if (first.ok || first.reason !== "two_factor") throw new Error("expected the second step");
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await attemptSecondFactor({ pendingToken: first.pendingToken, code: "000000", address: from, userAgent: null }, { throttle });
      outcomes.push(r.ok ? "ok" : r.reason);
    }
    expect(outcomes).toContain("rate_limited");
    expect(outcomes.indexOf("rate_limited")).toBeLessThanOrEqual(10);
  });

  it("refuses a pending token once the password changed (token version) or when forged", async () => {
    const { user, secret } = await enrolled("AUTHOR", new Date(Date.now() - 60_000));
    const from = address();
    const first = await attemptSignIn({ email: user.email, password, address: from, userAgent: null }, { throttle });
    if (first.ok || first.reason !== "two_factor") throw new Error("expected the second step");
    await db.user.update({ where: { id: user.id }, data: { tokenVersion: { increment: 1 } } });
    const code = totpCode(secret, new Date());
    expect(await attemptSecondFactor({ pendingToken: first.pendingToken, code, address: from, userAgent: null }, { throttle })).toEqual({ ok: false, reason: "expired" });
    expect(await attemptSecondFactor({ pendingToken: `${first.pendingToken}x`, code, address: from, userAgent: null }, { throttle })).toEqual({ ok: false, reason: "expired" });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("turning two-factor off and requiring it", () => {
  it("needs the password or a code; a wrong one changes nothing", async () => {
    const { user } = await enrolled();
    await expect(disableTwoFactor(user, { password: "not it" })).rejects.toThrow(/still on/);
    await expect(disableTwoFactor(user, {})).rejects.toThrow(/still on/);
    expect((await getTwoFactorStatus(user)).enabled).toBe(true);
    await disableTwoFactor(user, { password });
    expect(await getTwoFactorStatus(user)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await db.twoFactorRecoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const again = await attemptSignIn({ email: user.email, password, address: address(), userAgent: null }, { throttle });
    expect(again).toMatchObject({ ok: true });
  });

  it("only Administrators require it, and then staff without it must enrol", async () => {
    const author = await createStaff("AUTHOR");
    const admin = await createStaff("ADMIN");
    await expect(setTwoFactorRequired(author, true)).rejects.toThrow();
    expect(await needsTwoFactorEnrolment(author.id)).toBe(false);
    await setTwoFactorRequired(admin, true);
    expect(await needsTwoFactorEnrolment(author.id)).toBe(true);
    const { user: withTwoFactor } = await enrolled();
    expect(await needsTwoFactorEnrolment(withTwoFactor.id)).toBe(false);
  });
});
