import type { Role } from "@/lib/generated/prisma/enums";
import { DomainError } from "@/lib/errors";

export interface Actor {
  id: string;
  role: Role;
}

/** A post as far as permissions care: who wrote it and whether it is live. */
export interface PostResource {
  authorId: string;
  status: "DRAFT" | "SCHEDULED" | "PUBLISHED";
}

/**
 * A staff member as far as permissions care: whose account it is, their current role (needed to manage
 * them) and, for a role change, the role they would get.
 */
export interface StaffResource {
  userId: string;
  role?: Role;
  newRole?: Role;
}

/** An invitation as far as permissions care: the role it would grant. */
export interface InviteResource {
  invitedRole: Role;
}

/** An uploaded media file as far as permissions care: who uploaded it. */
export interface MediaResource {
  uploaderId: string;
}

export type Action =
  | "admin.access"
  | "post.create"
  | "post.edit"
  | "post.publish"
  | "post.unpublish"
  | "post.delete"
  | "post.viewAll"
  | "post.setAuthor"
  | "post.setPublishDate"
  | "tag.create"
  | "tag.manage"
  | "staff.view"
  | "staff.invite"
  | "staff.manage"
  | "staff.assignRole"
  | "staff.resetPassword"
  | "staff.viewSessions"
  | "staff.revokeSessions"
  | "staff.transferOwnership"
  | "staff.editProfile"
  | "site.manage"
  | "audit.view"
  | "signin.unlock"
  | "media.upload"
  | "media.manage";

const RANK: Record<Role, number> = { CONTRIBUTOR: 1, AUTHOR: 2, EDITOR: 3, ADMIN: 4, OWNER: 5 };

/** Whether the actor outranks or equals `min`. */
export function hasRole(actor: Actor, min: Role): boolean {
  return RANK[actor.role] >= RANK[min];
}

type Resource = PostResource | StaffResource | InviteResource | MediaResource;

const asPost = (r?: Resource): PostResource | undefined => (r !== undefined && "authorId" in r ? r : undefined);
const asStaff = (r?: Resource): StaffResource | undefined => (r !== undefined && "userId" in r ? r : undefined);
const asInvite = (r?: Resource): InviteResource | undefined => (r !== undefined && "invitedRole" in r ? r : undefined);
const asMedia = (r?: Resource): MediaResource | undefined => (r !== undefined && "uploaderId" in r ? r : undefined);

const isOwn = (actor: Actor, post?: PostResource) => post !== undefined && post.authorId === actor.id;

const STAFF_ROLES_BELOW_OWNER: readonly Role[] = ["ADMIN", "EDITOR", "AUTHOR", "CONTRIBUTOR"];

/**
 * The roles the actor may give by invitation or role change: editors bring in and manage authors and
 * contributors; administrators and the owner any role but Owner, which moves only by transfer.
 */
export function grantableRoles(actor: Actor): Role[] {
  if (hasRole(actor, "ADMIN")) return [...STAFF_ROLES_BELOW_OWNER];
  if (hasRole(actor, "EDITOR")) return ["AUTHOR", "CONTRIBUTOR"];
  return [];
}

/**
 * Whether the actor manages this staff member (role, suspension, deletion): never themselves, never the
 * owner, and only people whose current role the actor could grant (an editor manages no administrator).
 */
function manages(actor: Actor, staff?: StaffResource): boolean {
  if (!staff?.role || staff.userId === actor.id || staff.role === "OWNER") return false;
  return grantableRoles(actor).includes(staff.role);
}

/**
 * Ghost's staff roles: contributors edit their own drafts; authors also publish and delete their own
 * posts and add tags; editors and above do anything with any post and manage authors and contributors;
 * admins and the owner manage the site and all staff; only the owner hands ownership on.
 */
const RULES: Record<Action, (actor: Actor, resource?: Resource) => boolean> = {
  "admin.access": () => true,
  "post.create": () => true,
  "post.viewAll": (a) => hasRole(a, "EDITOR"),
  "post.edit": (a, r) => {
    const p = asPost(r);
    return hasRole(a, "EDITOR") || (isOwn(a, p) && (hasRole(a, "AUTHOR") || p?.status === "DRAFT"));
  },
  "post.publish": (a, r) => hasRole(a, "EDITOR") || (hasRole(a, "AUTHOR") && isOwn(a, asPost(r))),
  "post.unpublish": (a, r) => hasRole(a, "EDITOR") || (hasRole(a, "AUTHOR") && isOwn(a, asPost(r))),
  "post.delete": (a, r) => {
    const p = asPost(r);
    return hasRole(a, "EDITOR") || (isOwn(a, p) && (hasRole(a, "AUTHOR") || p?.status === "DRAFT"));
  },
  // Field rules: who may give a post another author (reassigning) or choose its publish date.
  "post.setAuthor": (a) => hasRole(a, "EDITOR"),
  "post.setPublishDate": (a, r) => hasRole(a, "EDITOR") || (hasRole(a, "AUTHOR") && isOwn(a, asPost(r))),
  "tag.create": (a) => hasRole(a, "AUTHOR"),
  // Renaming, describing and deleting tags changes every post that carries them.
  "tag.manage": (a) => hasRole(a, "EDITOR"),
  "staff.view": (a) => hasRole(a, "EDITOR"),
  // Without an invitation to judge: whether the actor may invite anyone at all.
  "staff.invite": (a, r) => {
    const invite = asInvite(r);
    return invite ? grantableRoles(a).includes(invite.invitedRole) : grantableRoles(a).length > 0;
  },
  "staff.manage": (a, r) => manages(a, asStaff(r)),
  "staff.assignRole": (a, r) => {
    const staff = asStaff(r);
    return manages(a, staff) && staff?.newRole !== undefined && grantableRoles(a).includes(staff.newRole);
  },
  // A reset link made for someone else signs in as them: administrators only, and never for the owner.
  "staff.resetPassword": (a, r) => hasRole(a, "ADMIN") && manages(a, asStaff(r)),
  // Someone's signed-in browsers, with their addresses: administrators, as for the audit log and reset links.
  "staff.viewSessions": (a, r) => hasRole(a, "ADMIN") && manages(a, asStaff(r)),
  // Signing someone out (one browser, or all) gives no access to their account and is less than the
  // suspension the same managers may already impose: whoever manages them. Own browsers are not asked here.
  "staff.revokeSessions": (a, r) => manages(a, asStaff(r)),
  "staff.transferOwnership": (a, r) => {
    const staff = asStaff(r);
    return a.role === "OWNER" && staff !== undefined && staff.userId !== a.id && staff.role === "ADMIN";
  },
  // Name, slug, bio, website and photo: one's own; anyone's for administrators; for editors, the authors
  // and contributors they manage (as in Ghost), which needs the profile's role to decide.
  "staff.editProfile": (a, r) => {
    const s = asStaff(r);
    return s !== undefined && (s.userId === a.id || hasRole(a, "ADMIN") || manages(a, s));
  },
  "site.manage": (a) => hasRole(a, "ADMIN"),
  // The log names every staff member's sign-ins and addresses: administrators only, as in Ghost.
  "audit.view": (a) => hasRole(a, "ADMIN"),
  // Seeing lock-outs shows who tried to sign in from where; lifting one lets guessing start again.
  "signin.unlock": (a) => hasRole(a, "ADMIN"),
  // Every staff member writes posts with images; editing alt text or deleting a file changes others' posts.
  "media.upload": () => true,
  "media.manage": (a, r) => {
    const m = asMedia(r);
    return hasRole(a, "EDITOR") || (m !== undefined && m.uploaderId === a.id);
  },
};

/**
 * Pure permission check; no I/O. The resource is a post for post actions, a staff member for staff
 * actions (with their role, and the new role for a role change), an invitation's role for invites, a
 * media file for media actions. A resource of the wrong kind counts as none.
 */
export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  return RULES[action](actor, resource);
}

/** Throws DomainError("FORBIDDEN") unless `can(actor, action, resource)`. */
export function assertCan(actor: Actor, action: Action, resource?: Resource): void {
  if (!can(actor, action, resource)) {
    throw new DomainError("FORBIDDEN", "You do not have permission to do that.");
  }
}
