import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { readingMinutes } from "@/lib/editor/doc";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can, type Actor } from "@/lib/permissions";
import type { PostStatus, PublicPost } from "@/lib/posts";
import { renderStoredBody } from "@/lib/posts/body-html";
import { storedBodyHtml } from "@/lib/posts/stored-body";
import { absoluteUrl } from "@/lib/urls";

/** Path of a secret preview link; the token is the whole secret. */
export const previewLinkPath = (token: string) => `/preview/${token}`;

/** A post as the reader page shows it, whatever its status: what a preview renders. */
export interface PreviewPost extends PublicPost {
  status: PostStatus;
  scheduledAt: Date | null;
}

/** A preview link as the editor lists it; its token is shown once, when it is made. */
export interface PreviewLinkSummary {
  id: string;
  createdAt: Date;
  createdByName: string | null;
}

/** 32 random bytes: the link's secret. Only its SHA-256 is stored, so a database leak reveals no working link. */
function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const previewSelect = {
  id: true,
  title: true,
  slug: true,
  excerpt: true,
  status: true,
  publishedAt: true,
  scheduledAt: true,
  updatedAt: true,
  wordCount: true,
  content: true,
  featureImage: true,
  featureImageAlt: true,
  featureImageCaption: true,
  authorId: true,
  author: { select: { name: true, slug: true, bio: true, website: true } },
  tags: { select: { tag: { select: { name: true, slug: true } } }, orderBy: { position: "asc" } },
} satisfies Prisma.PostSelect;

type PreviewRow = Prisma.PostGetPayload<{ select: typeof previewSelect }>;

/** The post as its page would show it, its body rendered now from the saved document (drafts store none). */
async function toPreview(row: PreviewRow): Promise<PreviewPost> {
  const { html, toc } = await renderStoredBody(row.content);
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    excerpt: row.excerpt,
    // An unpublished post shows the date it would have if published now, or its scheduled date.
    publishedAt: row.publishedAt ?? row.scheduledAt ?? new Date(),
    readingMinutes: readingMinutes(row.wordCount),
    author: row.author,
    tags: row.tags.map(({ tag }) => tag),
    body: storedBodyHtml(html),
    toc,
    featureImage: row.featureImage,
    featureImageAlt: row.featureImageAlt,
    featureImageCaption: row.featureImageCaption,
    updatedAt: row.updatedAt,
    wordCount: row.wordCount,
    status: row.status,
    scheduledAt: row.scheduledAt,
  };
}

async function editablePost(actor: Actor, postId: string) {
  const post = await db.post.findUnique({ where: { id: postId }, select: { id: true, authorId: true, status: true } });
  if (!post || !can(actor, "post.edit", post)) throw new DomainError("NOT_FOUND", "That post does not exist or you cannot edit it.");
  return post;
}

/** The post as saved, for the staff preview; null when it does not exist or the actor may not edit it. Never cached. */
export async function getPreviewForStaff(actor: Actor, postId: string): Promise<PreviewPost | null> {
  const row = await db.post.findUnique({ where: { id: postId }, select: previewSelect });
  if (!row || !can(actor, "post.edit", row)) return null;
  return toPreview(row);
}

/** The post a live (unrevoked) preview link shows, or null for any other token. For signed-out readers; never cached. */
export async function getPreviewByToken(token: string): Promise<PreviewPost | null> {
  if (!TOKEN.test(token)) return null;
  const link = await db.previewLink.findUnique({ where: { tokenHash: hashToken(token) }, select: { revokedAt: true, post: { select: previewSelect } } });
  if (!link || link.revokedAt) return null;
  return toPreview(link.post);
}

/** Makes a secret preview link for whoever may edit the post; the URL is returned only here. Throws DomainError("NOT_FOUND"). */
export async function createPreviewLink(actor: Actor, postId: string): Promise<{ id: string; url: string; createdAt: Date }> {
  const post = await editablePost(actor, postId);
  const { token, tokenHash } = newToken();
  const link = await db.previewLink.create({ data: { postId: post.id, tokenHash, createdById: actor.id }, select: { id: true, createdAt: true } });
  return { id: link.id, createdAt: link.createdAt, url: absoluteUrl(previewLinkPath(token)) };
}

/** The post's live preview links, newest first, for whoever may edit it. Throws DomainError("NOT_FOUND"). */
export async function listPreviewLinks(actor: Actor, postId: string): Promise<PreviewLinkSummary[]> {
  const post = await editablePost(actor, postId);
  const rows = await db.previewLink.findMany({
    where: { postId: post.id, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, createdBy: { select: { name: true } } },
  });
  return rows.map((row) => ({ id: row.id, createdAt: row.createdAt, createdByName: row.createdBy?.name ?? null }));
}

/** Ends a preview link at once, for whoever may edit its post. Throws DomainError("NOT_FOUND"). */
export async function revokePreviewLink(actor: Actor, postId: string, linkId: string): Promise<void> {
  const post = await editablePost(actor, postId);
  const { count } = await db.previewLink.updateMany({ where: { id: linkId, postId: post.id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new DomainError("NOT_FOUND", "That preview link no longer exists.");
}
