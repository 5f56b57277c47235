import "server-only";
import { record } from "@/lib/audit";
import { cacheTags } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { assertCan, can, type Actor } from "@/lib/permissions";
import { isAvatarKey, processAvatar } from "@/lib/staff/avatar-image";
import { profileResource } from "@/lib/users";
import { avatarSrc } from "@/lib/staff/avatar-limits";
import { mediaStorage, type ObjectStorage } from "@/lib/storage";

export interface AvatarWriteResult {
  /** The avatar's public path, or null once removed. */
  src: string | null;
  /** Cache tags of public pages that show this person (none while they have no published post). */
  publicTags: string[];
}

const gone = () => new DomainError("NOT_FOUND", "That staff member no longer exists.");

async function publicTagsOf(userId: string): Promise<string[]> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { slug: true, _count: { select: { posts: { where: { status: "PUBLISHED" } } } } } });
  // Post pages and archives carry author(slug); the home page's cards show no avatar.
  return user && user._count.posts > 0 ? [cacheTags.author(user.slug)] : [];
}

/** The previous file goes once the row no longer names it; a failure leaves an orphan, never a broken avatar. */
async function forget(storage: ObjectStorage, key: string | null): Promise<void> {
  if (!key || !isAvatarKey(key)) return;
  try {
    await storage.delete(key);
  } catch (error) {
    console.error("avatar: could not delete", key, error);
  }
}

/**
 * Sets a staff member's profile photo from an uploaded file (whose profile the actor may edit: staff.editProfile):
 * stored square and WebP through lib/storage, replacing the previous one.
 * Throws DomainError("FORBIDDEN" | "NOT_FOUND" | "INVALID_INPUT").
 */
export async function setAvatar(actor: Actor, userId: string, file: Uint8Array, storage: ObjectStorage = mediaStorage()): Promise<AvatarWriteResult> {
  assertCan(actor, "staff.editProfile", await profileResource(userId));
  const before = await db.user.findUnique({ where: { id: userId }, select: { avatarKey: true, email: true } });
  if (!before) throw gone();
  const avatar = await processAvatar(userId, file);
  await storage.put(avatar.key, avatar.data, "image/webp");
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { avatarKey: avatar.key } });
  if (count === 0) {
    await forget(storage, avatar.key);
    throw gone();
  }
  if (before.avatarKey !== avatar.key) await forget(storage, before.avatarKey);
  await record(actor, "profile.avatar_set", { type: "user", id: userId, label: before.email }, { replaced: before.avatarKey !== null });
  return { src: avatarSrc(avatar.key), publicTags: await publicTagsOf(userId) };
}

/** Removes a staff member's profile photo (same rights as setAvatar); nothing to remove is no error. */
export async function removeAvatar(actor: Actor, userId: string, storage: ObjectStorage = mediaStorage()): Promise<AvatarWriteResult> {
  assertCan(actor, "staff.editProfile", await profileResource(userId));
  const before = await db.user.findUnique({ where: { id: userId }, select: { avatarKey: true, email: true } });
  if (!before) throw gone();
  if (!before.avatarKey) return { src: null, publicTags: [] };
  const { count } = await db.user.updateMany({ where: { id: userId, avatarKey: before.avatarKey }, data: { avatarKey: null } });
  await forget(storage, before.avatarKey);
  // A concurrent change got there first: that one is recorded, this removed nothing.
  if (count > 0) await record(actor, "profile.avatar_remove", { type: "user", id: userId, label: before.email });
  return { src: null, publicTags: await publicTagsOf(userId) };
}

/** The photo of a staff member whose profile the actor may edit (null for none, or when they may not). */
export async function getEditableAvatarSrc(actor: Actor, userId: string): Promise<string | null> {
  if (!can(actor, "staff.editProfile", await profileResource(userId))) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: { avatarKey: true } });
  return avatarSrc(user?.avatarKey);
}
