/**
 * A suspended account is told so only by someone who gave its right password: a wrong password gets the
 * same answer as for any account, so the message reveals nothing to whoever lacks the password.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { createSignInThrottle } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/password";
import { checkCredentials, verifyCredentials } from "@/lib/users";
import { createStaff, removeCreatedData, runId } from "@/tests/integration/fixtures";

const password = `suspended lantern orchard ${runId}`;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const throttle = createSignInThrottle({ store: { kind: "postgres", pool }, secret: process.env.AUTH_SECRET!, namespace: `test-suspended-${runId}` });
const address = () => `2001:db8:5a:${randomBytes(2).toString("hex")}::1`;

afterAll(async () => {
  await removeCreatedData();
  await pool.end();
});

describe("signing in to a suspended account", () => {
  it("answers 'suspended' only for the right password, and starts no session", async () => {
    const user = await createStaff("AUTHOR");
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password), status: "SUSPENDED" } });
    const from = address();

    expect(await attemptSignIn({ email: user.email, password: "wrong guess", address: from, userAgent: null }, { throttle })).toEqual({ ok: false, reason: "invalid" });
    expect(await attemptSignIn({ email: user.email, password, address: from, userAgent: null }, { throttle })).toEqual({ ok: false, reason: "suspended" });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);

    expect(await checkCredentials(user.email, password)).toMatchObject({ id: user.id, suspended: true });
    expect(await checkCredentials(user.email, "wrong guess")).toBeNull();
    expect(await verifyCredentials(user.email, password)).toBeNull();
  });

  it("signs in again once the account is active", async () => {
    const user = await createStaff("AUTHOR");
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
    const result = await attemptSignIn({ email: user.email, password, address: address(), userAgent: null }, { throttle });
    expect(result).toMatchObject({ ok: true, userId: user.id });
    expect(await checkCredentials(user.email, password)).toMatchObject({ suspended: false });
  });
});
