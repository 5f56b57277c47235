import { randomUUID } from "node:crypto";
import type { Prisma } from "../../lib/generated/prisma/client";
import { testDb } from "./db";

const unique = () => randomUUID().slice(0, 8);

/** A tag with a slug no other test uses. */
export async function createFeedTag(name = `Feed topic ${unique()}`) {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${unique()}`;
  return testDb().tag.create({ data: { name, slug }, select: { id: true, slug: true, name: true } });
}

/** The public slug of a user made by createUser. */
export async function userSlug(id: string): Promise<string> {
  return (await testDb().user.findUniqueOrThrow({ where: { id }, select: { slug: true } })).slug;
}

export interface FeedPostOptions {
  authorId: string;
  title?: string;
  status?: "DRAFT" | "PUBLISHED";
  /** Publication time; defaults to now. Tests set it to fix the order of their posts. */
  publishedAt?: Date;
  tagIds?: string[];
  /** Body blocks stored as given, bypassing the editor's validation (as if written before it existed). */
  blocks?: Prisma.InputJsonObject[];
}

/** A post written straight to the database with a raw Tiptap document, linked to tags in order. */
export async function createFeedPost({ authorId, title = `Feed post ${unique()}`, status = "PUBLISHED", publishedAt = new Date(), tagIds = [], blocks }: FeedPostOptions) {
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${unique()}`;
  const content = { type: "doc", content: blocks ?? [{ type: "paragraph", content: [{ type: "text", text: `Body of ${title}.` }] }] };
  return testDb().post.create({
    data: {
      title,
      slug,
      content,
      plaintext: `Body of ${title}.`,
      wordCount: 3,
      excerpt: `Summary of ${title}.`,
      status,
      publishedAt: status === "PUBLISHED" ? publishedAt : null,
      authorId,
      tags: { create: tagIds.map((tagId, position) => ({ tagId, position })) },
    },
    select: { id: true, slug: true, title: true },
  });
}
