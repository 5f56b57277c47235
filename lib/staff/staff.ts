import "server-only";
import { cacheTags } from "@/lib/cache/tags";
import { record, type AuditTarget } from "@/lib/audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Role, UserStatus } from "@/lib/generated/prisma/enums";
import { assertCan, can, grantableRoles, type Actor } from "@/lib/permissions";
import { revokeSessions } from "@/lib/users";
import { avatarSrc } from "@/lib/staff/avatar-limits";
import type { ChangeRoleInput, DeleteStaffInput } from "@/lib/validations/staff";

/** A row of the staff list, with what the viewer may do to it. */
export interface StaffListMember {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  /** The last request of any of their sessions; null when they never signed in. */
  lastSeenAt: Date | null;
  /** Their profile photo's path, or null. */
  avatarSrc: string | null;
  isSelf: boolean;
  /** Roles the viewer may move them to (empty when the viewer cannot change their role). */
  assignableRoles: Role[];
  canManage: boolean;
  canResetPassword: boolean;
  canTransferOwnership: boolean;
  canEditProfile: boolean;
}

/** A pending invitation as the staff list shows it. */
export interface PendingInvite {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  invitedByName: string | null;
  canRevoke: boolean;
}

const notFound = () => new DomainError("NOT_FOUND", "That staff member no longer exists.");

type MemberRow = { id: string; name: string; email: string; role: Role; status: UserStatus; avatarKey: string | null };

function toListMember(actor: Actor, { avatarKey, ...user }: MemberRow, lastSeenAt: Date | null): StaffListMember {
  const target = { userId: user.id, role: user.role };
  return {
    ...user,
    lastSeenAt,
    avatarSrc: avatarSrc(avatarKey),
    isSelf: user.id === actor.id,
    assignableRoles: grantableRoles(actor).filter((newRole) => can(actor, "staff.assignRole", { ...target, newRole })),
    canManage: can(actor, "staff.manage", target),
    canResetPassword: can(actor, "staff.resetPassword", target),
    canTransferOwnership: can(actor, "staff.transferOwnership", target),
    canEditProfile: can(actor, "staff.editProfile", target),
  };
}

const memberSelect = { id: true, name: true, email: true, role: true, status: true, avatarKey: true } as const;

/** Everyone on the staff, owner first then by name, for editors and up. Throws DomainError("FORBIDDEN"). */
export async function listStaff(actor: Actor): Promise<StaffListMember[]> {
  assertCan(actor, "staff.view");
  const [users, seen] = await Promise.all([
    db.user.findMany({ select: memberSelect, orderBy: [{ name: "asc" }, { email: "asc" }] }),
    db.session.groupBy({ by: ["userId"], _max: { lastSeenAt: true } }),
  ]);
  const lastSeen = new Map(seen.map((row) => [row.userId, row._max.lastSeenAt]));
  const rank = (role: Role) => (role === "OWNER" ? 0 : 1);
  return users.sort((a, b) => rank(a.role) - rank(b.role)).map((user) => toListMember(actor, user, lastSeen.get(user.id) ?? null));
}

/**
 * One staff member with what the actor may do to them, or null when they do not exist or the actor may
 * neither see the staff list nor edit their profile (no existence leak).
 */
export async function getStaffMember(actor: Actor, userId: string): Promise<StaffListMember | null> {
  if (!can(actor, "staff.view") && !can(actor, "staff.editProfile", { userId })) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: memberSelect });
  if (!user) return null;
  const seen = await db.session.aggregate({ where: { userId }, _max: { lastSeenAt: true } });
  return toListMember(actor, user, seen._max.lastSeenAt);
}

/** Invitations not yet accepted, revoked or expired, newest first. Throws DomainError("FORBIDDEN"). */
export async function listPendingInvites(actor: Actor, now = new Date()): Promise<PendingInvite[]> {
  assertCan(actor, "staff.view");
  const rows = await db.staffInvite.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, role: true, expiresAt: true, invitedBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(({ invitedBy, ...row }) => ({ ...row, invitedByName: invitedBy?.name ?? null, canRevoke: can(actor, "staff.invite", { invitedRole: row.role }) }));
}

const userTarget = (target: { id: string; email: string }): AuditTarget => ({ type: "user", id: target.id, label: target.email });

async function loadTarget(userId: string) {
  const target = await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true, status: true, slug: true, name: true, email: true } });
  if (!target) throw notFound();
  return target;
}

/**
 * Gives a staff member another role, within what the actor may grant; takes effect on their next
 * request (roles are read from the database every time). Throws DomainError("FORBIDDEN" | "NOT_FOUND").
 */
export async function changeStaffRole(actor: Actor, input: ChangeRoleInput): Promise<void> {
  const target = await loadTarget(input.userId);
  assertCan(actor, "staff.assignRole", { userId: target.id, role: target.role, newRole: input.role });
  // The role in the WHERE keeps a concurrent change (or an ownership transfer) from being overwritten.
  const { count } = await db.user.updateMany({ where: { id: target.id, role: target.role }, data: { role: input.role } });
  if (count === 0) throw new DomainError("CONFLICT", "Their role changed meanwhile. Reload the list and try again.");
  await record(actor, "staff.role_change", userTarget(target), { from: target.role, to: input.role });
}

/**
 * Suspends a staff member: they cannot sign in, and every session of theirs (and any copied cookie)
 * ends at its next request. Throws DomainError("FORBIDDEN" | "NOT_FOUND").
 */
export async function suspendStaff(actor: Actor, userId: string): Promise<void> {
  const target = await loadTarget(userId);
  assertCan(actor, "staff.manage", { userId: target.id, role: target.role });
  await db.user.update({ where: { id: target.id }, data: { status: "SUSPENDED" } });
  await revokeSessions(target.id);
  await record(actor, "staff.suspend", userTarget(target));
}

/** Lets a suspended staff member sign in again. Throws DomainError("FORBIDDEN" | "NOT_FOUND"). */
export async function unsuspendStaff(actor: Actor, userId: string): Promise<void> {
  const target = await loadTarget(userId);
  assertCan(actor, "staff.manage", { userId: target.id, role: target.role });
  await db.user.update({ where: { id: target.id }, data: { status: "ACTIVE" } });
  await record(actor, "staff.unsuspend", userTarget(target));
}

/**
 * Deletes a staff member after giving all their posts to `reassignTo` (an active staff member other than
 * them; the delete form offers the actor by default). Their uploads stay in the library, their sessions
 * and reset links go. Returns the public cache tags that show the changed bylines. Throws
 * DomainError("FORBIDDEN" | "NOT_FOUND" | "INVALID_INPUT").
 */
export async function deleteStaff(actor: Actor, input: DeleteStaffInput): Promise<{ publicTags: string[]; reassigned: number }> {
  const target = await loadTarget(input.userId);
  assertCan(actor, "staff.manage", { userId: target.id, role: target.role });
  assertCan(actor, "post.setAuthor");
  if (input.reassignTo === target.id) throw new DomainError("INVALID_INPUT", "Choose someone else to receive their posts.");
  const heir = await db.user.findUnique({ where: { id: input.reassignTo }, select: { id: true, slug: true, status: true } });
  if (!heir || heir.status !== "ACTIVE") throw new DomainError("INVALID_INPUT", "Their posts must go to an active staff member.");

  const published = await db.post.findMany({
    where: { authorId: target.id, status: "PUBLISHED" },
    select: { slug: true, tags: { select: { tag: { select: { slug: true } } } } },
  });
  const reassigned = await db.$transaction(async (tx) => {
    const { count } = await tx.post.updateMany({ where: { authorId: target.id }, data: { authorId: heir.id } });
    await tx.user.delete({ where: { id: target.id } });
    return count;
  });
  const publicTags =
    published.length === 0
      ? []
      : [
          ...new Set([
            cacheTags.postList,
            cacheTags.author(target.slug),
            cacheTags.author(heir.slug),
            ...published.flatMap((post) => [cacheTags.post(post.slug), ...post.tags.map(({ tag }) => cacheTags.tag(tag.slug))]),
          ]),
        ];
  await record(actor, "staff.delete", userTarget(target), { postsReassignedTo: heir.id, reassigned });
  return { publicTags, reassigned };
}

/**
 * The owner hands ownership to an administrator and becomes an administrator. Both changes are one
 * transaction (the database allows one owner). Throws DomainError("FORBIDDEN" | "NOT_FOUND" | "CONFLICT").
 */
export async function transferOwnership(actor: Actor, userId: string): Promise<void> {
  const target = await loadTarget(userId);
  assertCan(actor, "staff.transferOwnership", { userId: target.id, role: target.role });
  if (target.status !== "ACTIVE") throw new DomainError("INVALID_STATE", "Unsuspend them before making them the owner.");
  await db.$transaction(async (tx) => {
    const demoted = await tx.user.updateMany({ where: { id: actor.id, role: "OWNER" }, data: { role: "ADMIN" } });
    if (demoted.count === 0) throw new DomainError("CONFLICT", "You are no longer the owner.");
    const promoted = await tx.user.updateMany({ where: { id: target.id, role: "ADMIN", status: "ACTIVE" }, data: { role: "OWNER" } });
    if (promoted.count === 0) throw new DomainError("CONFLICT", "Their role changed meanwhile. Reload the list and try again.");
  });
  await record(actor, "staff.transfer_ownership", userTarget(target));
}

/** Active staff who can receive a deleted member's posts, for the delete form. Throws DomainError("FORBIDDEN"). */
export async function listPostHeirs(actor: Actor, exceptUserId: string): Promise<{ id: string; name: string; email: string }[]> {
  assertCan(actor, "staff.view");
  return db.user.findMany({
    where: { status: "ACTIVE", id: { not: exceptUserId } },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}
