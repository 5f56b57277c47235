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

/** A staff member's profile as far as permissions care: whose it is. */
export interface StaffResource {
  userId: string;
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
  | "tag.create"
  | "tag.manage"
  | "staff.editProfile"
  | "site.manage"
  | "media.upload"
  | "media.manage";

const RANK: Record<Role, number> = { CONTRIBUTOR: 1, AUTHOR: 2, EDITOR: 3, ADMIN: 4, OWNER: 5 };

/** Whether the actor outranks or equals `min`. */
export function hasRole(actor: Actor, min: Role): boolean {
  return RANK[actor.role] >= RANK[min];
}

const isOwn = (actor: Actor, post?: PostResource) => post !== undefined && post.authorId === actor.id;

/**
 * Ghost's staff roles: contributors edit their own drafts; authors also publish and delete their own
 * posts and add tags; editors and above do anything with any post; admins and owners manage the site.
 */
const RULES: Record<Action, (actor: Actor, post?: PostResource, staff?: StaffResource, media?: MediaResource) => boolean> = {
  "admin.access": () => true,
  "post.create": () => true,
  "post.viewAll": (a) => hasRole(a, "EDITOR"),
  "post.edit": (a, p) => hasRole(a, "EDITOR") || (isOwn(a, p) && (hasRole(a, "AUTHOR") || p?.status === "DRAFT")),
  "post.publish": (a, p) => hasRole(a, "EDITOR") || (hasRole(a, "AUTHOR") && isOwn(a, p)),
  "post.unpublish": (a, p) => hasRole(a, "EDITOR") || (hasRole(a, "AUTHOR") && isOwn(a, p)),
  "post.delete": (a, p) => hasRole(a, "EDITOR") || (isOwn(a, p) && (hasRole(a, "AUTHOR") || p?.status === "DRAFT")),
  "tag.create": (a) => hasRole(a, "AUTHOR"),
  // Renaming, describing and deleting tags changes every post that carries them.
  "tag.manage": (a) => hasRole(a, "EDITOR"),
  "staff.editProfile": (a, _p, s) => s !== undefined && (s.userId === a.id || hasRole(a, "ADMIN")),
  "site.manage": (a) => hasRole(a, "ADMIN"),
  // Every staff member writes posts with images; editing alt text or deleting a file changes others' posts.
  "media.upload": () => true,
  "media.manage": (a, _p, _s, m) => hasRole(a, "EDITOR") || (m !== undefined && m.uploaderId === a.id),
};

type Resource = PostResource | StaffResource | MediaResource;

const isStaff = (resource: Resource | undefined): resource is StaffResource => resource !== undefined && "userId" in resource;
const isMedia = (resource: Resource | undefined): resource is MediaResource => resource !== undefined && "uploaderId" in resource;

/**
 * Pure permission check; no I/O. The resource is a post for post actions, a staff member for staff
 * actions, a media file for media actions.
 */
export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  if (isMedia(resource)) return RULES[action](actor, undefined, undefined, resource);
  return isStaff(resource) ? RULES[action](actor, undefined, resource) : RULES[action](actor, resource);
}

/** Throws DomainError("FORBIDDEN") unless `can(actor, action, resource)`. */
export function assertCan(actor: Actor, action: Action, resource?: Resource): void {
  if (!can(actor, action, resource)) {
    throw new DomainError("FORBIDDEN", "You do not have permission to do that.");
  }
}
