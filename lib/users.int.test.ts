import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/password";
import { createSession, getLiveSessionUser } from "@/lib/auth/sessions";
import { DUMMY_PASSWORD_HASH, revokeSessions, verifyCredentials, type SessionUser } from "@/lib/users";
import { createStaff, removeCreatedData, runId } from "@/tests/integration/fixtures";

const password = `correct horse ${runId}`;

/** A staff member who can sign in with `password`. */
async function staffWithPassword(role: Parameters<typeof createStaff>[0]): Promise<SessionUser> {
  const user = await createStaff(role);
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  return user;
}

async function tokenVersionOf(id: string): Promise<number> {
  return (await db.user.findUniqueOrThrow({ where: { id }, select: { tokenVersion: true } })).tokenVersion;
}

const sessions = new Map<string, Promise<string>>();

/** One session row per user, made on first use (as a sign-in would). */
function sessionOf(userId: string): Promise<string> {
  if (!sessions.has(userId)) sessions.set(userId, createSession(userId, { userAgent: "vitest", ip: "203.0.113.1" }));
  return sessions.get(userId)!;
}

/** What getSessionUser sees for a token of this user's session carrying `tokenVersion`. */
async function sessionUser(userId: string, tokenVersion: number) {
  return getLiveSessionUser(await sessionOf(userId), tokenVersion);
}

let author: SessionUser;

beforeAll(async () => {
  author = await staffWithPassword("AUTHOR");
});

afterAll(async () => {
  await removeCreatedData();
});

describe("verifyCredentials", () => {
  it("returns the user's id and token version for the right password", async () => {
    expect(await verifyCredentials(author.email, password)).toEqual({ id: author.id, tokenVersion: await tokenVersionOf(author.id) });
  });

  it("returns null for a wrong password, including one that differs only in case or spacing", async () => {
    expect(await verifyCredentials(author.email, `wrong ${runId}`)).toBeNull();
    expect(await verifyCredentials(author.email, password.toUpperCase())).toBeNull();
    expect(await verifyCredentials(author.email, ` ${password}`)).toBeNull();
    expect(await verifyCredentials(author.email, "")).toBeNull();
  });

  it("checks an unknown email against a dummy hash made with the same argon2 parameters, so it takes as long", async () => {
    const parameters = (hash: string) => hash.split("$").slice(1, 4).join("$");
    expect(parameters(DUMMY_PASSWORD_HASH)).toBe(parameters(await hashPassword("anything")));
    const time = async (email: string) => {
      const started = performance.now();
      await verifyCredentials(email, `wrong ${runId}`);
      return performance.now() - started;
    };
    await time(author.email);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(author.email));
      unknown.push(await time(`nobody-${runId}@quire.test`));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[2]!;
    // Without the dummy verification an unknown email answers in about a millisecond, not tens.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
    expect(median(unknown)).toBeLessThan(median(known) * 2);
  });

  it("returns null for an unknown email, even with a password some user has", async () => {
    expect(await verifyCredentials(`nobody-${runId}@quire.test`, password)).toBeNull();
  });

  it("matches the email case-insensitively and ignores surrounding spaces", async () => {
    const expected = { id: author.id, tokenVersion: await tokenVersionOf(author.id) };
    expect(await verifyCredentials(author.email.toUpperCase(), password)).toEqual(expected);
    expect(await verifyCredentials(`  ${author.email}\t`, password)).toEqual(expected);
  });

  it("returns the current token version after sessions were revoked", async () => {
    const user = await staffWithPassword("CONTRIBUTOR");
    await revokeSessions(user.id);
    expect(await verifyCredentials(user.email, password)).toEqual({ id: user.id, tokenVersion: 1 });
  });
});

describe("getLiveSessionUser", () => {
  it("returns the user when the token version matches", async () => {
    const user = await createStaff("EDITOR");
    expect(await sessionUser(user.id, 0)).toEqual({ id: user.id, email: user.email, name: user.name, role: "EDITOR" });
  });

  it("returns null when the token version does not match", async () => {
    const user = await createStaff("EDITOR");
    expect(await sessionUser(user.id, 1)).toBeNull();
    expect(await sessionUser(user.id, -1)).toBeNull();
  });

  it("returns null for a deleted user and for a session id that never existed", async () => {
    const user = await createStaff("AUTHOR");
    const sessionId = await sessionOf(user.id);
    await db.user.delete({ where: { id: user.id } });
    expect(await getLiveSessionUser(sessionId, 0)).toBeNull();
    expect(await getLiveSessionUser(`missing-${runId}`, 0)).toBeNull();
  });

  it("returns the role currently stored, not the one the session started with", async () => {
    const user = await createStaff("EDITOR");
    expect((await sessionUser(user.id, 0))?.role).toBe("EDITOR");

    await db.user.update({ where: { id: user.id }, data: { role: "CONTRIBUTOR" } });
    expect(await sessionUser(user.id, 0)).toMatchObject({ id: user.id, role: "CONTRIBUTOR" });

    await db.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
    expect(await sessionUser(user.id, 0)).toMatchObject({ id: user.id, role: "ADMIN" });
  });
});

describe("revokeSessions", () => {
  it("increments the token version, so sessions issued before are rejected and new ones accepted", async () => {
    const user = await staffWithPassword("AUTHOR");
    const first = await verifyCredentials(user.email, password);
    const firstSession = await createSession(user.id, { userAgent: null, ip: null });
    expect(await getLiveSessionUser(firstSession, first!.tokenVersion)).not.toBeNull();

    await revokeSessions(user.id);
    expect(await tokenVersionOf(user.id)).toBe(first!.tokenVersion + 1);
    expect(await getLiveSessionUser(firstSession, first!.tokenVersion)).toBeNull();

    const next = await verifyCredentials(user.email, password);
    expect(next).toEqual({ id: user.id, tokenVersion: first!.tokenVersion + 1 });
    const nextSession = await createSession(user.id, { userAgent: null, ip: null });
    expect(await getLiveSessionUser(nextSession, next!.tokenVersion)).toMatchObject({ id: user.id, role: "AUTHOR" });
    // A new row with the old version (a token minted before the revocation) is still refused.
    expect(await getLiveSessionUser(nextSession, first!.tokenVersion)).toBeNull();

    await revokeSessions(user.id);
    expect(await getLiveSessionUser(nextSession, next!.tokenVersion)).toBeNull();
  });

  it("revokes the session rows too, so even a token with a current version finds nothing", async () => {
    const user = await createStaff("AUTHOR");
    const sessionId = await createSession(user.id, { userAgent: null, ip: null });
    await revokeSessions(user.id);
    expect(await db.session.findUniqueOrThrow({ where: { id: sessionId }, select: { revokedAt: true } })).toMatchObject({ revokedAt: expect.any(Date) });
    expect(await getLiveSessionUser(sessionId, await tokenVersionOf(user.id))).toBeNull();
  });

  it("leaves other users' sessions alone", async () => {
    const [revoked, bystander] = await Promise.all([createStaff("AUTHOR"), createStaff("AUTHOR")]);
    await revokeSessions(revoked.id);
    expect(await sessionUser(revoked.id, 0)).toBeNull();
    expect(await sessionUser(bystander.id, 0)).toMatchObject({ id: bystander.id });
  });
});
