/**
 * The audit log against PostgreSQL: staff actions and sign-ins write entries, a failed write never fails
 * the action, and only administrators read the log.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { listAuditEntries, record } from "@/lib/audit";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { createSignInThrottle } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/password";
import { changeStaffRole, suspendStaff, unsuspendStaff } from "@/lib/staff/staff";
import { createStaff, expectDomainError, removeCreatedData, runId } from "@/tests/integration/fixtures";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const throttle = createSignInThrottle({ store: { kind: "postgres", pool }, secret: "audit-test-secret", namespace: `test-audit-${runId}` });
const address = () => `2001:db8:a0:${randomBytes(2).toString("hex")}::7`;

afterAll(async () => {
  await db.auditEntry.deleteMany({ where: { actorEmail: { contains: runId } } });
  await removeCreatedData();
  await pool.end();
});

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
});
