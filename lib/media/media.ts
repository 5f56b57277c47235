import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { cacheTags } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ProcessedImage } from "@/lib/media/image";
import { mediaPath, variantFormat, variantSrcSet, type MediaVariant } from "@/lib/media/variants";
import { assertCan, can, type Actor } from "@/lib/permissions";
import { mediaStorage } from "@/lib/storage";

/** An uploaded image as staff see it in the library and the editor. */
export interface MediaItem {
  id: string;
  key: string;
  /** The original's public path, what an image node's src holds. */
  src: string;
  /** The narrowest WebP copy, for thumbnails. */
  thumbnailSrc: string;
  /** The WebP copies: staff's browsers all read WebP, and the admin needs no <picture>. */
  srcSet: string;
  originalName: string;
  mimeType: string;
  bytes: number;
  width: number;
  height: number;
  alt: string;
  uploaderName: string | null;
  createdAt: Date;
  canManage: boolean;
}

/** A library entry: the file and the posts that show it. */
export interface MediaLibraryItem extends MediaItem {
  /** Posts using the file that the actor may see, by title. */
  usedBy: { id: string; title: string }[];
  /** Further posts using it that the actor may not see (others' drafts, for authors and contributors). */
  otherUses: number;
}

/** What reader pages need to show an uploaded image: its size and copies, read without touching files. */
export interface MediaRendition {
  width: number;
  height: number;
  alt: string;
  variants: MediaVariant[];
}

const itemSelect = {
  id: true,
  key: true,
  originalName: true,
  mimeType: true,
  bytes: true,
  width: true,
  height: true,
  variants: true,
  alt: true,
  uploaderId: true,
  createdAt: true,
  uploader: { select: { name: true } },
} satisfies Prisma.MediaSelect;

type ItemRow = Prisma.MediaGetPayload<{ select: typeof itemSelect }>;

/** The variants column, trusted only as far as its shape (written by lib/media alone). */
export function variantsOf(json: Prisma.JsonValue): MediaVariant[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((entry) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return [];
    const { key, width, height, bytes } = entry as Record<string, unknown>;
    return typeof key === "string" && typeof width === "number" && typeof height === "number" && typeof bytes === "number" ? [{ key, width, height, bytes }] : [];
  });
}

function toItem(actor: Actor, row: ItemRow): MediaItem {
  const variants = variantsOf(row.variants);
  const narrowest = variants.filter((variant) => variantFormat(variant) === "webp").sort((a, b) => a.width - b.width)[0];
  return {
    id: row.id,
    key: row.key,
    src: mediaPath(row.key),
    thumbnailSrc: narrowest ? mediaPath(narrowest.key) : mediaPath(row.key),
    srcSet: variantSrcSet(variants),
    originalName: row.originalName,
    mimeType: row.mimeType,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    alt: row.alt,
    uploaderName: row.uploader?.name ?? null,
    createdAt: row.createdAt,
    canManage: can(actor, "media.manage", { uploaderId: row.uploaderId ?? "" }),
  };
}

/** Strips what a display name must not carry: folders some browsers send, control characters, excess length. */
export function displayName(raw: string | null | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return clean || "image";
}

/**
 * Stores a processed upload and records it. The same image uploaded again (same key) returns the
 * existing entry. Files are written before the row, so a row never points at missing files.
 * Any staff member may call it. Throws DomainError("FORBIDDEN").
 */
export async function createMedia(actor: Actor, input: { originalName: string; image: ProcessedImage }): Promise<MediaItem> {
  assertCan(actor, "media.upload");
  const { image } = input;
  const existing = await db.media.findUnique({ where: { key: image.original.key }, select: itemSelect });
  if (existing) return toItem(actor, existing);

  const storage = mediaStorage();
  await storage.put(image.original.key, image.original.data, image.mimeType);
  for (const variant of image.variants) await storage.put(variant.key, variant.data, variant.mimeType);
  const variants: MediaVariant[] = image.variants.map(({ key, width, height, data }) => ({ key, width, height, bytes: data.byteLength }));
  try {
    const row = await db.media.create({
      data: {
        key: image.original.key,
        originalName: displayName(input.originalName),
        mimeType: image.mimeType,
        bytes: image.original.data.byteLength,
        width: image.original.width,
        height: image.original.height,
        variants: variants as unknown as Prisma.InputJsonValue,
        uploaderId: actor.id,
      },
      select: itemSelect,
    });
    return toItem(actor, row);
  } catch (error) {
    // The same file uploaded twice at once: the other request recorded it first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return toItem(actor, await db.media.findUniqueOrThrow({ where: { key: image.original.key }, select: itemSelect }));
    }
    throw error;
  }
}

export const MEDIA_PAGE_SIZE = 60;

/**
 * The media library, newest first, optionally narrowed to files whose name or alt text contains
 * `query`, with the posts using each file. Any staff member may browse; post titles of posts the actor
 * cannot see are counted, not named. Throws DomainError("FORBIDDEN").
 */
export async function listMediaForAdmin(actor: Actor, query = ""): Promise<MediaLibraryItem[]> {
  assertCan(actor, "admin.access");
  const text = query.trim();
  const rows = await db.media.findMany({
    where: text
      ? { OR: [{ originalName: { contains: text, mode: "insensitive" } }, { alt: { contains: text, mode: "insensitive" } }] }
      : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MEDIA_PAGE_SIZE,
    select: {
      ...itemSelect,
      usedBy: { select: { post: { select: { id: true, title: true, authorId: true, status: true } } }, orderBy: { post: { updatedAt: "desc" } } },
    },
  });
  return rows.map(({ usedBy, ...row }) => {
    const visible = usedBy.filter(({ post }) => can(actor, "post.viewAll") || post.authorId === actor.id);
    return {
      ...toItem(actor, row),
      usedBy: visible.map(({ post }) => ({ id: post.id, title: post.title || "Untitled" })),
      otherUses: usedBy.length - visible.length,
    };
  });
}

export interface MediaWriteResult {
  item: MediaItem;
  /** Cache tags of reader pages showing the file. */
  publicTags: string[];
}

async function findForManage(actor: Actor, id: string) {
  const row = await db.media.findUnique({ where: { id }, select: { ...itemSelect, usedBy: { select: { post: { select: { title: true } } } } } });
  if (!row) throw new DomainError("NOT_FOUND", "That file does not exist any more.");
  assertCan(actor, "media.manage", { uploaderId: row.uploaderId ?? "" });
  return row;
}

/**
 * Sets a file's alt text, the description reader pages use wherever a post shows the image without one
 * of its own. Editors and up, or the uploader. Throws DomainError("NOT_FOUND" | "FORBIDDEN").
 */
export async function updateMediaAlt(actor: Actor, input: { id: string; alt: string }): Promise<MediaWriteResult> {
  await findForManage(actor, input.id);
  const row = await db.$transaction(async (tx) => {
    const updated = await tx.media.update({ where: { id: input.id }, data: { alt: input.alt }, select: itemSelect });
    // Bodies stored with the old alt text (lib/posts/body-html.ts) are rendered again until next saved.
    await tx.post.updateMany({ where: { media: { some: { mediaId: input.id } } }, data: { bodyHtmlRenderer: null } });
    return updated;
  });
  return { item: toItem(actor, row), publicTags: [cacheTags.media(row.key)] };
}

/**
 * Deletes an unused file and its copies. A file any post uses (in its body, or as its feature or social
 * image) or any revision shows is refused. Editors and up, or the uploader. Throws DomainError("NOT_FOUND" | "FORBIDDEN" | "INVALID_STATE").
 */
export async function deleteMedia(actor: Actor, input: { id: string }): Promise<{ publicTags: string[] }> {
  const row = await findForManage(actor, input.id);
  if (row.usedBy.length > 0) throw inUse(row.originalName, row.usedBy.map(({ post }) => post.title || "Untitled"));
  // A post's earlier revisions can be restored: a file only they show (in the text, or as the feature or
  // social image of their settings) is still in use.
  const inRevisions = await db.$queryRaw<{ title: string }[]>`
    SELECT DISTINCT p.title FROM post_revisions r JOIN posts p ON p.id = r.post_id
    WHERE strpos(r.content::text, ${`/media/${row.key}`}) > 0 OR strpos(coalesce(r.settings::text, ''), ${`/media/${row.key}`}) > 0 LIMIT 3`;
  if (inRevisions.length > 0) {
    const titles = inRevisions.map(({ title }) => `"${title || "Untitled"}"`).join(", ");
    throw new DomainError("INVALID_STATE", `"${row.originalName}" cannot be deleted: an earlier revision of ${titles} shows it, and restoring that revision would show a missing image.`);
  }
  let deleted: { variants: Prisma.JsonValue };
  try {
    // The copies as the row lists them when it goes: a backfill (lib/media/backfill.ts) may have added some since it was read.
    deleted = await db.media.delete({ where: { id: row.id }, select: { variants: true } });
  } catch (error) {
    // A post started using it between the check and the delete: the usage's foreign key refuses.
    if (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2003" || error.code === "P2014")) {
      throw inUse(row.originalName, []);
    }
    throw error;
  }
  const storage = mediaStorage();
  await Promise.all([row.key, ...variantsOf(deleted.variants).map((variant) => variant.key)].map((key) => storage.delete(key)));
  return { publicTags: [cacheTags.media(row.key)] };
}

function inUse(name: string, titles: string[]): DomainError {
  const count = titles.length;
  const where = count === 0 ? "a post" : count === 1 ? `the post "${titles[0]}"` : `${count} posts (${titles.slice(0, 3).map((t) => `"${t}"`).join(", ")}${count > 3 ? ", …" : ""})`;
  return new DomainError("INVALID_STATE", `"${name}" cannot be deleted: it is used by ${where}. Remove it from there first.`);
}

/**
 * Sizes and copies of uploaded images by original key, for reader pages (keys with no row are absent).
 * Cached, and tagged per file so that an alt text change or a deletion refreshes the pages showing it.
 */
export async function getMediaRenditions(keys: readonly string[]): Promise<Map<string, MediaRendition>> {
  "use cache";
  cacheLife("max");
  if (keys.length === 0) return new Map();
  cacheTag(...keys.map((key) => cacheTags.media(key)));
  return readMediaRenditions(keys);
}

/** getMediaRenditions without its cache, for work outside a request (jobs, scripts), where "use cache" is unavailable. */
export async function readMediaRenditions(keys: readonly string[]): Promise<Map<string, MediaRendition>> {
  if (keys.length === 0) return new Map();
  const rows = await db.media.findMany({ where: { key: { in: [...keys] } }, select: { key: true, width: true, height: true, alt: true, variants: true } });
  return new Map(rows.map((row) => [row.key, { width: row.width, height: row.height, alt: row.alt, variants: variantsOf(row.variants) }]));
}
