/**
 * The role × action walk: every staff-facing server action and data function called directly, as each
 * role and signed out, against real PostgreSQL. Each outcome must be what the permission table says
 * (can()), and a refusal must change nothing. Only the session is stubbed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { publishPostAction, savePostAction } from "@/app/(admin)/admin/posts/actions";
import {
  changeStaffRoleAction,
  createResetLinkAction,
  deleteStaffAction,
  inviteStaffAction,
  revokeAllStaffDevicesAction,
  revokeStaffDeviceAction,
  suspendStaffAction,
  transferOwnershipAction,
  unsuspendStaffAction,
} from "@/app/(admin)/admin/staff/actions";
import { deleteTagAction } from "@/app/(admin)/admin/tags/actions";
import type { ActionResult } from "@/lib/action-result";
import { createSession, listStaffSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { can, type Action } from "@/lib/permissions";
import { createDraft, getEditablePost, listPostsForAdmin, savePost } from "@/lib/posts";
import { listPendingInvites, listStaff } from "@/lib/staff/staff";
import type { SessionUser } from "@/lib/users";
import { createStaff, docJson, expectDomainError, postInput, removeCreatedData, runId, uniqueName } from "@/tests/integration/fixtures";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));

vi.mock("@/lib/auth", async () => {
  const { DomainError } = await import("@/lib/errors");
  const { redirect } = await import("next/navigation");
  return {
    getSessionUser: async () => session.user,
    getCurrentSessionId: async () => null,
    requireUser: async () => {
      if (!session.user) redirect("/login");
      return session.user;
    },
    requireActionUser: async () => {
      if (!session.user) throw new DomainError("UNAUTHENTICATED", "Your session has ended.");
      return session.user;
    },
  };
});

const ROLES = ["OWNER", "ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"] as const satisfies readonly Role[];
const TARGET_ROLES = ["ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"] as const satisfies readonly Role[];

const actors = {} as Record<Role, SessionUser>;
let createdOwner: string | null = null;

beforeAll(async () => {
  const owner = await db.user.findFirst({ where: { role: "OWNER" }, select: { id: true, email: true, name: true, role: true } });
  if (owner) actors.OWNER = owner;
  else {
    actors.OWNER = await db.user.create({
      data: { email: `walk-owner-${runId}@quire.test`, name: "Walk Owner", slug: `walk-owner-${runId}`, passwordHash: "x", role: "OWNER" },
      select: { id: true, email: true, name: true, role: true },
    });
    createdOwner = actors.OWNER.id;
  }
  for (const role of TARGET_ROLES) actors[role] = await createStaff(role);
});

afterEach(() => {
  session.user = null;
});

afterAll(async () => {
  await db.staffInvite.deleteMany({ where: { email: { contains: runId } } });
  await removeCreatedData();
  if (createdOwner) await db.user.delete({ where: { id: createdOwner } });
});

/** The outcome the table predicts: ok, or the refusal code. */
const expected = (allowed: boolean) => (allowed ? { ok: true } : { ok: false, code: "FORBIDDEN" });

function outcome(result: ActionResult<unknown>) {
  return result.ok ? { ok: true } : { ok: false, code: result.code };
}

const snapshot = (id: string) => db.user.findUnique({ where: { id }, select: { role: true, status: true, tokenVersion: true } });

describe("staff actions, role × target", () => {
  for (const role of ROLES) {
    it(`${role}: invite as each role follows staff.invite`, async () => {
      session.user = actors[role];
      for (const invitedRole of TARGET_ROLES) {
        const email = `${uniqueName("walk").replaceAll(" ", "-")}@quire.test`;
        const result = await inviteStaffAction({ email, role: invitedRole });
        const allowed = can(actors[role], "staff.invite", { invitedRole });
        expect(outcome(result), `${role} invites ${invitedRole}`).toEqual(expected(allowed));
        expect(await db.staffInvite.count({ where: { email } })).toBe(allowed ? 1 : 0);
      }
      // Nobody invites a second owner: the input schema does not even offer it.
      expect(await inviteStaffAction({ email: `x-${runId}@quire.test`, role: "OWNER" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    });

    it(`${role}: role changes, suspension, reset links and deletion of each role follow the table`, async () => {
      for (const targetRole of TARGET_ROLES) {
        const target = await createStaff(targetRole);
        const resource = { userId: target.id, role: targetRole };
        session.user = actors[role];

        for (const newRole of TARGET_ROLES.filter((r) => r !== targetRole)) {
          const before = await snapshot(target.id);
          const allowed = can(actors[role], "staff.assignRole", { ...resource, newRole });
          expect(outcome(await changeStaffRoleAction({ userId: target.id, role: newRole })), `${role} makes ${targetRole} ${newRole}`).toEqual(expected(allowed));
          if (!allowed) expect(await snapshot(target.id)).toEqual(before);
          // Back to the starting role for the next case.
          if (allowed) await db.user.update({ where: { id: target.id }, data: { role: targetRole } });
        }

        const manage = can(actors[role], "staff.manage", resource);
        const before = await snapshot(target.id);
        expect(outcome(await suspendStaffAction({ userId: target.id })), `${role} suspends ${targetRole}`).toEqual(expected(manage));
        if (manage) {
          expect(await snapshot(target.id)).toMatchObject({ status: "SUSPENDED", tokenVersion: before!.tokenVersion + 1 });
          expect(outcome(await unsuspendStaffAction({ userId: target.id }))).toEqual({ ok: true });
        } else {
          expect(await snapshot(target.id)).toEqual(before);
          expect(outcome(await unsuspendStaffAction({ userId: target.id }))).toEqual(expected(false));
        }

        const reset = can(actors[role], "staff.resetPassword", resource);
        expect(outcome(await createResetLinkAction({ userId: target.id })), `${role} makes a reset link for ${targetRole}`).toEqual(expected(reset));
        expect(await db.passwordReset.count({ where: { userId: target.id } })).toBe(reset ? 1 : 0);

        // An allowed transfer is walked on its own below (it would hand the test's owner role away here).
        if (!can(actors[role], "staff.transferOwnership", resource)) {
          expect(outcome(await transferOwnershipAction({ userId: target.id })), `${role} transfers to ${targetRole}`).toEqual(expected(false));
          expect((await snapshot(target.id))?.role).toBe(targetRole);
        }

        const remove = can(actors[role], "staff.manage", resource) && can(actors[role], "post.setAuthor");
        const deleted = await deleteStaffAction({ userId: target.id, reassignTo: actors[role].id });
        expect(outcome(deleted), `${role} deletes ${targetRole}`).toEqual(expected(remove));
        expect(await db.user.count({ where: { id: target.id } })).toBe(remove ? 0 : 1);
      }
    });
  }

  it("nobody may act on the owner, and nobody on themselves", async () => {
    for (const role of ROLES) {
      session.user = actors[role];
      const before = await snapshot(actors.OWNER.id);
      for (const result of [
        await changeStaffRoleAction({ userId: actors.OWNER.id, role: "ADMIN" }),
        await suspendStaffAction({ userId: actors.OWNER.id }),
        await createResetLinkAction({ userId: actors.OWNER.id }),
        await deleteStaffAction({ userId: actors.OWNER.id, reassignTo: actors[role].id }),
        await suspendStaffAction({ userId: actors[role].id }),
        await changeStaffRoleAction({ userId: actors[role].id, role: "ADMIN" }),
      ]) {
        expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
      }
      expect(await snapshot(actors.OWNER.id)).toEqual(before);
    }
  });

  it("signed out, every staff action answers UNAUTHENTICATED and changes nothing", async () => {
    const target = await createStaff("AUTHOR");
    const before = await snapshot(target.id);
    for (const result of [
      await inviteStaffAction({ email: `anon-${runId}@quire.test`, role: "AUTHOR" }),
      await changeStaffRoleAction({ userId: target.id, role: "EDITOR" }),
      await suspendStaffAction({ userId: target.id }),
      await unsuspendStaffAction({ userId: target.id }),
      await createResetLinkAction({ userId: target.id }),
      await transferOwnershipAction({ userId: target.id }),
      await deleteStaffAction({ userId: target.id, reassignTo: actors.ADMIN.id }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    }
    expect(await snapshot(target.id)).toEqual(before);
    expect(await db.staffInvite.count({ where: { email: `anon-${runId}@quire.test` } })).toBe(0);
  });

  it("the owner's transfer goes through the action, and back", async () => {
    session.user = actors.OWNER;
    expect(await transferOwnershipAction({ userId: actors.ADMIN.id })).toEqual({ ok: true, data: undefined });
    expect((await snapshot(actors.ADMIN.id))?.role).toBe("OWNER");
    session.user = { ...actors.ADMIN, role: "OWNER" };
    expect(await transferOwnershipAction({ userId: actors.OWNER.id })).toEqual({ ok: true, data: undefined });
    expect((await snapshot(actors.OWNER.id))?.role).toBe("OWNER");
  });
});

describe("another staff member's sessions: seeing them and signing them out are separate rights", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.set(key, value);
    return data;
  };
  /** The device actions answer by showing the staff page again, whatever happened. */
  const submit = (action: (formData: FormData) => Promise<void>, fields: Record<string, string>) => expect(action(form(fields))).rejects.toThrow("NEXT_REDIRECT");
  const live = (sessionId: string) => db.session.findUniqueOrThrow({ where: { id: sessionId }, select: { revokedAt: true } }).then((row) => row.revokedAt === null);

  for (const role of ROLES) {
    it(`${role}: listing follows staff.viewSessions, signing out (one or all) staff.revokeSessions; a refusal ends nothing`, async () => {
      session.user = actors[role];
      for (const targetRole of ["OWNER", ...TARGET_ROLES] as const) {
        const target = targetRole === "OWNER" ? actors.OWNER : await createStaff(targetRole);
        const resource = { userId: target.id, role: targetRole };
        const view = can(actors[role], "staff.viewSessions", resource);
        const revoke = can(actors[role], "staff.revokeSessions", resource);
        const [phone, laptop] = [await createSession(target.id, { userAgent: null, ip: null }), await createSession(target.id, { userAgent: null, ip: null })];
        const label = `${role} on ${targetRole}'s sessions`;

        if (view) expect((await listStaffSessions(actors[role], target.id)).map((s) => s.id), label).toEqual(expect.arrayContaining([phone, laptop]));
        else await expectDomainError(listStaffSessions(actors[role], target.id), "FORBIDDEN");

        const before = await snapshot(target.id);
        await submit(revokeStaffDeviceAction, { userId: target.id, sessionId: phone });
        expect(await live(phone), `${label}: one`).toBe(!revoke);
        expect(await live(laptop)).toBe(true);
        await submit(revokeAllStaffDevicesAction, { userId: target.id });
        expect(await live(laptop), `${label}: all`).toBe(!revoke);
        expect((await snapshot(target.id))?.tokenVersion).toBe(before!.tokenVersion + (revoke ? 1 : 0));
        expect(await db.auditEntry.count({ where: { action: "staff.session_revoke", actorId: actors[role].id, targetId: target.id } })).toBe(revoke ? 2 : 0);
        if (targetRole === "OWNER") await db.session.deleteMany({ where: { id: { in: [phone, laptop] } } });
      }
    });
  }

  it("an editor signs an author out without seeing the author's devices", async () => {
    const author = await createStaff("AUTHOR");
    const sessionId = await createSession(author.id, { userAgent: null, ip: "192.0.2.40" });
    session.user = actors.EDITOR;
    await expectDomainError(listStaffSessions(actors.EDITOR, author.id), "FORBIDDEN");
    await submit(revokeAllStaffDevicesAction, { userId: author.id });
    expect(await live(sessionId)).toBe(false);
  });

  it("signed out, neither device action ends anything", async () => {
    const author = await createStaff("AUTHOR");
    const sessionId = await createSession(author.id, { userAgent: null, ip: null });
    await expect(revokeStaffDeviceAction(form({ userId: author.id, sessionId }))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(revokeAllStaffDevicesAction(form({ userId: author.id }))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await live(sessionId)).toBe(true);
  });
});

describe("staff data functions", () => {
  it.each(ROLES)("%s: listStaff and listPendingInvites follow staff.view", async (role) => {
    const allowed = can(actors[role], "staff.view");
    if (allowed) {
      const staff = await listStaff(actors[role]);
      expect(staff.map((m) => m.id)).toEqual(expect.arrayContaining([actors.OWNER.id, actors.AUTHOR.id]));
      await expect(listPendingInvites(actors[role])).resolves.toBeInstanceOf(Array);
    } else {
      await expectDomainError(listStaff(actors[role]), "FORBIDDEN");
      await expectDomainError(listPendingInvites(actors[role]), "FORBIDDEN");
    }
  });
});

describe("post actions and reads: object and field rules", () => {
  it.each(ROLES)("%s: publishing, editing and reading someone else's draft follow the table", async (role) => {
    const author = await createStaff("AUTHOR");
    const { id } = await createDraft(author);
    const resource = { authorId: author.id, status: "DRAFT" as const };
    session.user = actors[role];
    const edit = can(actors[role], "post.edit", resource);
    const publish = can(actors[role], "post.publish", resource);
    expect(Boolean(await getEditablePost(actors[role], id))).toBe(edit);
    expect((await listPostsForAdmin(actors[role])).some((p) => p.id === id)).toBe(can(actors[role], "post.viewAll"));
    const result = await publishPostAction(postInput({ id, version: 1, title: uniqueName("Walk"), content: docJson("Body.") }));
    // Someone who may not even edit the post is told it does not exist (no existence leak).
    expect(outcome(result)).toEqual(publish ? { ok: true } : { ok: false, code: edit ? "FORBIDDEN" : "NOT_FOUND" });
    expect((await db.post.findUniqueOrThrow({ where: { id } })).status).toBe(publish ? "PUBLISHED" : "DRAFT");
  });

  it("a contributor cannot set status, author or publish date on their own draft, even by adding fields", async () => {
    const contributor = actors.CONTRIBUTOR;
    const { id } = await createDraft(contributor);
    session.user = contributor;
    expect(await publishPostAction(postInput({ id, version: 1, title: uniqueName("Sneaky"), content: docJson("Body.") }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const smuggled = { ...postInput({ id, version: 1, title: uniqueName("Smuggled"), content: docJson("Body.") }), status: "PUBLISHED", authorId: actors.ADMIN.id, publishedAt: "2020-01-01T00:00:00Z" };
    expect(await savePostAction(smuggled)).toMatchObject({ ok: true });
    expect(await db.post.findUniqueOrThrow({ where: { id }, select: { status: true, authorId: true, publishedAt: true } })).toEqual({ status: "DRAFT", authorId: contributor.id, publishedAt: null });
    for (const action of ["post.publish", "post.setAuthor", "post.setPublishDate"] as const satisfies readonly Action[]) {
      expect(can(contributor, action, { authorId: contributor.id, status: "DRAFT" })).toBe(false);
    }
  });

  it.each(ROLES)("%s: deleting a tag follows tag.manage", async (role) => {
    const author = await createStaff("AUTHOR");
    const { id } = await createDraft(author);
    const tagName = uniqueName("Walk tag");
    await savePost(author, postInput({ id, version: 1, title: uniqueName("Tagged"), tags: [tagName], content: docJson("Body.") }), "save");
    const tag = await db.tag.findFirstOrThrow({ where: { name: tagName } });
    session.user = actors[role];
    expect(outcome(await deleteTagAction({ id: tag.id }))).toEqual(expected(can(actors[role], "tag.manage")));
  });
});
