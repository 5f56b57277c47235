import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/password";
import { getUserForSession, revokeSessions, verifyCredentials, type SessionUser } from "@/lib/users";
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

describe("getUserForSession", () => {
  it("returns the user when the token version matches", async () => {
    const user = await createStaff("EDITOR");
    expect(await getUserForSession(user.id, 0)).toEqual({ id: user.id, email: user.email, name: user.name, role: "EDITOR" });
  });

  it("returns null when the token version does not match", async () => {
    const user = await createStaff("EDITOR");
    expect(await getUserForSession(user.id, 1)).toBeNull();
    expect(await getUserForSession(user.id, -1)).toBeNull();
  });

  it("returns null for a deleted user and for an id that never existed", async () => {
    const user = await createStaff("AUTHOR");
    await db.user.delete({ where: { id: user.id } });
    expect(await getUserForSession(user.id, 0)).toBeNull();
    expect(await getUserForSession(`missing-${runId}`, 0)).toBeNull();
  });

  it("returns the role currently stored, not the one the session started with", async () => {
    const user = await createStaff("EDITOR");
    expect((await getUserForSession(user.id, 0))?.role).toBe("EDITOR");

    await db.user.update({ where: { id: user.id }, data: { role: "CONTRIBUTOR" } });
    expect(await getUserForSession(user.id, 0)).toMatchObject({ id: user.id, role: "CONTRIBUTOR" });

    await db.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
    expect(await getUserForSession(user.id, 0)).toMatchObject({ id: user.id, role: "ADMIN" });
  });
});

describe("revokeSessions", () => {
  it("increments the token version, so sessions issued before are rejected and new ones accepted", async () => {
    const user = await staffWithPassword("AUTHOR");
    const session = await verifyCredentials(user.email, password);
    expect(session).not.toBeNull();
    expect(await getUserForSession(user.id, session!.tokenVersion)).not.toBeNull();

    await revokeSessions(user.id);
    expect(await tokenVersionOf(user.id)).toBe(session!.tokenVersion + 1);
    expect(await getUserForSession(user.id, session!.tokenVersion)).toBeNull();

    const next = await verifyCredentials(user.email, password);
    expect(next).toEqual({ id: user.id, tokenVersion: session!.tokenVersion + 1 });
    expect(await getUserForSession(user.id, next!.tokenVersion)).toMatchObject({ id: user.id, role: "AUTHOR" });

    await revokeSessions(user.id);
    expect(await getUserForSession(user.id, next!.tokenVersion)).toBeNull();
    expect(await getUserForSession(user.id, session!.tokenVersion)).toBeNull();
  });

  it("leaves other users' sessions alone", async () => {
    const [revoked, bystander] = await Promise.all([createStaff("AUTHOR"), createStaff("AUTHOR")]);
    await revokeSessions(revoked.id);
    expect(await getUserForSession(revoked.id, 0)).toBeNull();
    expect(await getUserForSession(bystander.id, 0)).toMatchObject({ id: bystander.id });
  });
});
