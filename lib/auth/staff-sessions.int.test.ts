/**
 * Another staff member's signed-in devices, against PostgreSQL: administrators see and end them for
 * people they manage; editors end (but do not see) authors' and contributors'; never the owner's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, getLiveSessionUser, listStaffSessions, revokeAllStaffSessions, revokeStaffSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/users";
import { createStaff, createStaffSet, expectDomainError, removeCreatedData } from "@/tests/integration/fixtures";

let admin: SessionUser;
let editor: SessionUser;
let author: SessionUser;
let owner: SessionUser;

beforeAll(async () => {
  ({ editor, author } = await createStaffSet());
  [admin, owner] = await Promise.all([createStaff("ADMIN"), createStaff("OWNER")]);
});

afterAll(async () => {
  await removeCreatedData();
});

const tokenVersion = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { tokenVersion: true } })).tokenVersion;

describe("a staff member's devices", () => {
  it("are listed for an administrator, who can sign one out (audited) while the other stays", async () => {
    const phone = await createSession(author.id, { userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1", ip: "192.0.2.10" });
    const laptop = await createSession(author.id, { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0", ip: "192.0.2.11" });
    const listed = await listStaffSessions(admin, author.id);
    expect(listed.map((session) => session.id).sort()).toEqual([phone, laptop].sort());
    expect(listed.every((session) => !session.current)).toBe(true);

    await revokeStaffSession(admin, author.id, phone);
    const version = await tokenVersion(author.id);
    expect(await getLiveSessionUser(phone, version)).toBeNull();
    expect(await getLiveSessionUser(laptop, version)).not.toBeNull();
    expect((await listStaffSessions(admin, author.id)).map((session) => session.id)).toEqual([laptop]);
    expect(await db.auditEntry.count({ where: { action: "staff.session_revoke", actorId: admin.id, targetId: author.id } })).toBe(1);
    await expectDomainError(revokeStaffSession(admin, author.id, phone), "NOT_FOUND");
  });

  it("cannot be seen by editors, who may still end an author's; nor seen or ended by authors, nor the owner's by an administrator", async () => {
    const session = await createSession(author.id, { userAgent: null, ip: null });
    const ended = await createSession(author.id, { userAgent: null, ip: null });
    await expectDomainError(listStaffSessions(editor, author.id), "FORBIDDEN");
    await revokeStaffSession(editor, author.id, ended);
    expect(await getLiveSessionUser(ended, await tokenVersion(author.id))).toBeNull();
    await expectDomainError(revokeStaffSession(await createStaff("AUTHOR"), author.id, session), "FORBIDDEN");
    await expectDomainError(revokeAllStaffSessions(await createStaff("AUTHOR"), author.id), "FORBIDDEN");
    await expectDomainError(revokeStaffSession(editor, admin.id, session), "FORBIDDEN");
    const ownerSession = await createSession(owner.id, { userAgent: null, ip: null });
    await expectDomainError(listStaffSessions(admin, owner.id), "FORBIDDEN");
    await expectDomainError(revokeStaffSession(admin, owner.id, ownerSession), "FORBIDDEN");
    // Another user's session id under this user's id ends nothing.
    await expectDomainError(revokeStaffSession(admin, editor.id, session), "NOT_FOUND");
    expect(await getLiveSessionUser(session, await tokenVersion(author.id))).not.toBeNull();
  });

  it("can all be ended at once, copied cookies included, by whoever manages the person (audited)", async () => {
    const target = await createStaff("CONTRIBUTOR");
    const version = await tokenVersion(target.id);
    const [one, two] = [await createSession(target.id, { userAgent: null, ip: null }), await createSession(target.id, { userAgent: null, ip: null })];
    expect(await revokeAllStaffSessions(editor, target.id)).toBe(2);
    expect(await tokenVersion(target.id)).toBe(version + 1);
    expect(await getLiveSessionUser(one, version)).toBeNull();
    expect(await getLiveSessionUser(two, version + 1)).toBeNull();
    const entry = await db.auditEntry.findFirstOrThrow({ where: { action: "staff.session_revoke", actorId: editor.id, targetId: target.id } });
    expect(entry.details).toEqual({ all: true, ended: 2 });
    await expectDomainError(revokeAllStaffSessions(admin, owner.id), "FORBIDDEN");
    await expectDomainError(revokeAllStaffSessions(admin, admin.id), "FORBIDDEN");
  });
});
