import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { cacheTags } from "@/lib/cache/tags";
import { avatarSrc } from "@/lib/staff/avatar-limits";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/password";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { record } from "@/lib/audit";
import { assertCan, can, type Actor, type StaffResource } from "@/lib/permissions";
import { slugify } from "@/lib/slug";
import type { UpdateProfileInput } from "@/lib/validations/profile";

/** The signed-in staff member, as every permission check sees them. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * Verified when the email is unknown, so both answers cost one argon2 verification. Made once with
 * hashPassword's parameters (a test checks they still match); it matches no password anyone types.
 */
export const DUMMY_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$4bxqzvciyLA9s/HGxKvM8Q$pDb9iYGkgYAAF4NXRaCaVtNRbWMyPU+EV8Uzlced0CE";

/** What a password check found: null for an unknown email or a wrong password (the same answer and work). */
export interface CheckedCredentials {
  id: string;
  tokenVersion: number;
  /** True only once the password matched, so the answer tells nothing to someone without it. */
  suspended: boolean;
}

/**
 * Checks email and password; null when the email is unknown or the password wrong (both cost one argon2
 * verification). A suspended account is reported only after its password matched.
 */
export async function checkCredentials(email: string, password: string): Promise<CheckedCredentials | null> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, passwordHash: true, tokenVersion: true, status: true },
  });
  if (!user) {
    await verifyPassword(DUMMY_PASSWORD_HASH, password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, tokenVersion: user.tokenVersion, suspended: user.status !== "ACTIVE" };
}

/**
 * The user's id and token version when email and password match and the account is not suspended, else
 * null (the same answer, and the same work, for an unknown email or a suspended account).
 */
export async function verifyCredentials(email: string, password: string): Promise<{ id: string; tokenVersion: number } | null> {
  const checked = await checkCredentials(email, password);
  return checked && !checked.suspended ? { id: checked.id, tokenVersion: checked.tokenVersion } : null;
}

/**
 * Ends every session of the user at their next request, including copies of their cookies (sign out
 * everywhere, password change, suspension).
 */
export async function revokeSessions(userId: string): Promise<void> {
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { tokenVersion: { increment: 1 } } }),
    db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Reader reads for author archives. Staff without published posts have no public page.

/** An author as their public archive page shows them. */
export interface PublicAuthor {
  name: string;
  slug: string;
  bio: string | null;
  /** An absolute http(s) URL, or null; anything else stored is not shown to readers. */
  website: string | null;
  /** Published posts by this author; always at least 1. */
  postCount: number;
  /** Their profile photo's path, or null. */
  avatarSrc: string | null;
}

/** The website if it is an absolute http(s) URL, else null (a profile field must never become a javascript: link). */
function publicWebsite(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/** The author with this slug and their published-post count, or null when they have no published posts. */
export async function getPublicAuthor(slug: string): Promise<PublicAuthor | null> {
  "use cache";
  // author:<slug> covers profile edits and every post write by the author; no broader tag, so
  // publishing elsewhere leaves this page cached.
  cacheTag(cacheTags.author(slug));
  cacheLife("content");
  const user = await db.user.findUnique({
    where: { slug },
    select: { name: true, slug: true, bio: true, website: true, avatarKey: true, _count: { select: { posts: { where: { status: "PUBLISHED" } } } } },
  });
  if (!user || user._count.posts === 0) return null;
  return { name: user.name, slug: user.slug, bio: user.bio, website: publicWebsite(user.website), postCount: user._count.posts, avatarSrc: avatarSrc(user.avatarKey) };
}

/** Slugs of up to `limit` authors with published posts, by name (static generation). */
export async function listPublicAuthorSlugs(limit: number): Promise<string[]> {
  "use cache";
  cacheTag(cacheTags.postList);
  cacheLife("content");
  const rows = await db.user.findMany({
    where: { posts: { some: { status: "PUBLISHED" } } },
    select: { slug: true },
    orderBy: [{ name: "asc" }, { slug: "asc" }],
    take: limit,
  });
  return rows.map((row) => row.slug);
}

// ---------------------------------------------------------------------------------------------
// Staff profiles: everyone edits their own; admins and the owner edit anyone's. Profile fields only:
// roles, email and passwords are not changed here.

/** A staff member's profile as its edit form needs it. */
export interface EditableProfile {
  id: string;
  name: string;
  slug: string;
  email: string;
  role: Role;
  bio: string;
  website: string;
  /** Whether the public site shows this profile (the author has published posts). */
  isPublic: boolean;
}

export interface ProfileWriteResult {
  profile: EditableProfile;
  /** Cache tags of public pages this write changed; empty when readers see no difference. */
  publicTags: string[];
}

const profileSelect = {
  id: true,
  name: true,
  slug: true,
  email: true,
  role: true,
  bio: true,
  website: true,
  _count: { select: { posts: { where: { status: "PUBLISHED" } } } },
} satisfies Prisma.UserSelect;

type ProfileRow = Prisma.UserGetPayload<{ select: typeof profileSelect }>;

const toEditableProfile = ({ _count, bio, website, ...row }: ProfileRow): EditableProfile => ({
  ...row,
  bio: bio ?? "",
  website: website ?? "",
  isPublic: _count.posts > 0,
});

/**
 * The staff member as the permission table weighs a profile edit: editors may edit the authors and
 * contributors they manage, so the role counts. A user that does not exist is the profile of nobody.
 */
export async function profileResource(userId: string): Promise<StaffResource> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  return { userId, role: row?.role };
}

/** The profile for its edit form, or null when the user does not exist or the actor may not edit it. */
export async function getEditableProfile(actor: Actor, id: string): Promise<EditableProfile | null> {
  if (!can(actor, "staff.editProfile", await profileResource(id))) return null;
  const row = await db.user.findUnique({ where: { id }, select: profileSelect });
  return row ? toEditableProfile(row) : null;
}

const profileSlugTaken = (slug: string) =>
  new DomainError("SLUG_TAKEN", `Another staff member already uses the slug "${slug}". Choose a different one.`);

/**
 * Updates a staff member's name, slug, bio and website; an empty slug follows the name. The actor's own
 * profile, anyone's for admins and the owner, and the authors' and contributors' for editors. Throws DomainError("FORBIDDEN" | "NOT_FOUND" |
 * "SLUG_TAKEN" | "INVALID_INPUT").
 */
export async function updateProfile(actor: Actor, input: UpdateProfileInput): Promise<ProfileWriteResult> {
  assertCan(actor, "staff.editProfile", await profileResource(input.id));
  const existing = await db.user.findUnique({ where: { id: input.id }, select: profileSelect });
  if (!existing) throw new DomainError("NOT_FOUND", "That staff member no longer exists.");

  const slug = input.slug || slugify(input.name);
  if (!slug) throw new DomainError("INVALID_INPUT", "Use at least one letter or number in the name, or enter a slug.");
  const fields = { name: input.name, slug, bio: input.bio || null, website: input.website || null };
  const renamed = fields.name !== existing.name || fields.slug !== existing.slug;
  const changedFields = (Object.keys(fields) as (keyof typeof fields)[]).filter((key) => fields[key] !== existing[key]);
  if (changedFields.length === 0) return { profile: toEditableProfile(existing), publicTags: [] };

  if (slug !== existing.slug && (await db.user.findUnique({ where: { slug }, select: { id: true } }))) throw profileSlugTaken(slug);
  let saved: ProfileRow;
  try {
    saved = await db.user.update({ where: { id: existing.id }, data: fields, select: profileSelect });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw profileSlugTaken(slug);
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") throw new DomainError("NOT_FOUND", "That staff member no longer exists.");
    throw error;
  }
  // Which fields, not their values: a bio or website may say more about a person than the log should keep.
  await record(actor, "profile.update", { type: "user", id: saved.id, label: saved.email }, { fields: changedFields });

  // Staff without published posts appear on no public page. Otherwise their post pages and every
  // archive page showing their posts are tagged author(slug); author(new slug) drops a cached 404 at
  // the new address; the home page's cards (postList) show the name but not the bio or website.
  const profile = toEditableProfile(saved);
  const publicTags = !profile.isPublic
    ? []
    : renamed
      ? [cacheTags.author(existing.slug), cacheTags.author(saved.slug), cacheTags.postList]
      : [cacheTags.author(saved.slug)];
  return { profile, publicTags: [...new Set(publicTags)] };
}
