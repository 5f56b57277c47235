/**
 * The audit log against PostgreSQL: staff actions and sign-ins write entries, a failed write never fails
 * the action, and only administrators read the log.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import sharp from "sharp";
import { afterAll, describe, expect, it, vi } from "vitest";
import { listAuditEntries, record } from "@/lib/audit";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { createSignInThrottle } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/password";
import { removeAvatar, setAvatar } from "@/lib/staff/avatar";
import { changeStaffRole, suspendStaff, unsuspendStaff } from "@/lib/staff/staff";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { updateProfile } from "@/lib/users";
import { UpdateProfileInput } from "@/lib/validations/profile";
import { createStaff, expectDomainError, removeCreatedData, runId } from "@/tests/integration/fixtures";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const throttle = createSignInThrottle({ store: { kind: "postgres", pool }, secret: "audit-test-secret", namespace: `test-audit-${runId}` });
const address = () => `2001:db8:a0:${randomBytes(2).toString("hex")}::7`;

afterAll(async () => {
  await db.auditEntry.deleteMany({ where: { actorEmail: { contains: runId } } });
  await removeCreatedData();
  await pool.end();
  await Promise.all(avatarDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const avatarDirs: string[] = [];
const png = (colour: string) => sharp({ create: { width: 200, height: 200, channels: 3, background: colour } }).png().toBuffer();

describe("audit log", () => {
  it("records staff actions with who, what, which object and when", async () => {
    const admin = await createStaff("ADMIN");
    const author = await createStaff("AUTHOR");
    const before = new Date();
    await changeStaffRole(admin, { userId: author.id, role: "EDITOR" });
    await suspendStaff(admin, author.id);
    await unsuspendStaff(admin, author.id);
    const rows = await db.auditEntry.findMany({ where: { actorId: admin.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["staff.role_change", "staff.suspend", "staff.unsuspend"]);
    expect(rows[0]).toMatchObject({ actorEmail: admin.email, targetType: "user", targetId: author.id, targetLabel: author.email, details: { from: "AUTHOR", to: "EDITOR" } });
    expect(rows[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });

  it("records sign-ins and failures with the address tried from", async () => {
    const user = await createStaff("AUTHOR");
    const password = `audit lantern meadow ${runId}`;
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
    const from = address();
    await attemptSignIn({ email: user.email, password: "wrong", address: from, userAgent: null }, { throttle });
    await attemptSignIn({ email: user.email, password, address: from, userAgent: null }, { throttle });
    const rows = await db.auditEntry.findMany({ where: { actorEmail: user.email }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.action, r.ipAddress, r.actorId])).toEqual([
      ["auth.sign_in_failed", from, null],
      ["auth.sign_in", from, user.id],
    ]);
  });

  it("logs a failed write instead of throwing into the caller", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // An actor id that is not text makes the insert fail inside the database driver.
    await expect(record({ id: 42 as unknown as string, email: "x" }, "settings.update", null)).resolves.toBeUndefined();
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it("is read by administrators, newest first and filtered; an editor is refused", async () => {
    const admin = await createStaff("ADMIN");
    const editor = await createStaff("EDITOR");
    await record(admin, "settings.update", { type: "settings" }, undefined, { address: null });
    await record(admin, "media.delete", { type: "media", id: "m1" }, undefined, { address: null });
    const mine = await listAuditEntries(admin, { actor: admin.email.toUpperCase() });
    expect(mine.entries.map((e) => e.action)).toEqual(["media.delete", "settings.update"]);
    expect((await listAuditEntries(admin, { actor: admin.email, action: "settings.update" })).entries).toHaveLength(1);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEntries(admin, { actor: admin.email, from: today, to: today })).entries).toHaveLength(2);
    expect((await listAuditEntries(admin, { actor: admin.email, to: "2000-01-01" })).entries).toHaveLength(0);
    await expectDomainError(listAuditEntries(editor, {}), "FORBIDDEN");
  });

  it("records profile edits (own, and another's by an administrator) with the fields changed but not their values", async () => {
    const admin = await createStaff("ADMIN");
    const author = await createStaff("AUTHOR");
    const { slug } = await db.user.findUniqueOrThrow({ where: { id: author.id }, select: { slug: true } });
    const profile = { id: author.id, name: author.name, slug, bio: "", website: "" };
    const bio = `Private detail ${runId}`;
    const website = `https://${runId}.example.com/about`;
    await updateProfile(author, UpdateProfileInput.parse({ ...profile, bio, website }));
    // Saving the same values again changes nothing and records nothing.
    await updateProfile(author, UpdateProfileInput.parse({ ...profile, bio, website }));
    await updateProfile(admin, UpdateProfileInput.parse({ ...profile, name: `${author.name} Renamed`, slug: `renamed-${runId}`, bio, website }));

    const rows = await db.auditEntry.findMany({ where: { targetId: author.id, action: "profile.update" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(rows.map((row) => [row.actorId, row.actorEmail, row.targetType, row.targetLabel, row.details])).toEqual([
      [author.id, author.email, "user", author.email, { fields: ["bio", "website"] }],
      [admin.id, admin.email, "user", author.email, { fields: ["name", "slug"] }],
    ]);
    expect(JSON.stringify(rows)).not.toContain(bio);
    expect(JSON.stringify(rows)).not.toContain(runId + ".example.com");

    // A refused edit changes nothing and records nothing.
    const other = await createStaff("AUTHOR");
    await expectDomainError(updateProfile(other, UpdateProfileInput.parse({ ...profile, bio: "Not yours" })), "FORBIDDEN");
    expect(await db.auditEntry.count({ where: { actorId: other.id } })).toBe(0);

    const filtered = await listAuditEntries(admin, { actor: admin.email, action: "profile.update" });
    expect(filtered.entries.map((entry) => [entry.action, entry.targetId])).toEqual([["profile.update", author.id]]);
  });

  it("records profile photos set, replaced and removed, by whom and for whom", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "quire-audit-avatars-"));
    avatarDirs.push(dir);
    const storage = new LocalDiskStorage(dir);
    const admin = await createStaff("ADMIN");
    const author = await createStaff("AUTHOR");
    await setAvatar(author, author.id, await png("#336699"), storage);
    await setAvatar(admin, author.id, await png("#993366"), storage);
    await removeAvatar(admin, author.id, storage);
    // Nothing left to remove: no entry.
    await removeAvatar(author, author.id, storage);
    await expectDomainError(setAvatar(await createStaff("AUTHOR"), author.id, await png("#000000"), storage), "FORBIDDEN");

    const rows = await db.auditEntry.findMany({ where: { targetId: author.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(rows.map((row) => [row.action, row.actorId, row.targetLabel, row.details])).toEqual([
      ["profile.avatar_set", author.id, author.email, { replaced: false }],
      ["profile.avatar_set", admin.id, author.email, { replaced: true }],
      ["profile.avatar_remove", admin.id, author.email, null],
    ]);
    const filtered = await listAuditEntries(admin, { actor: admin.email, action: "profile.avatar_remove" });
    expect(filtered.entries.map((entry) => entry.targetId)).toEqual([author.id]);
  });
});
