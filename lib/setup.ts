import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { deriveExcerpt, parsePostDoc } from "@/lib/editor/doc";
import { hashPassword } from "@/lib/password";
import { slugify, uniqueSlug } from "@/lib/slug";
import { demoAuthors, demoPosts, demoSite, demoTags } from "@/prisma/demo/content";
import { recordSearchTerms } from "@/lib/search-terms";

export interface OwnerCredentials {
  email?: string;
  password?: string;
}

export type SetupResult =
  | { kind: "existing" }
  | { kind: "created"; ownerEmail: string; generatedPassword: string | null; demoPosts: number };

const DAY = 24 * 60 * 60 * 1000;

// A one-off write of a few hundred rows: on a starved machine it took over Prisma's default 5 s, which
// rolled it back half-way (its later statements then failed outside it). A first start waits instead.
const FIRST_RUN_TRANSACTION_MS = 120_000;

/**
 * First start: on a database without users, creates the owner (with a generated password when none is
 * given) and, when the database also has no posts or tags, the demo site. Does nothing on a database
 * that has users. For start-up scripts only.
 */
export async function setUpFirstRun(credentials: OwnerCredentials, now = new Date()): Promise<SetupResult> {
  if ((await db.user.count()) > 0) return { kind: "existing" };

  const email = (credentials.email ?? "owner@example.com").trim().toLowerCase();
  const generatedPassword = credentials.password ? null : randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(credentials.password ?? generatedPassword!);
  const hasContent = (await db.post.count()) > 0 || (await db.tag.count()) > 0;

  const demo = hasContent ? [] : await prepareDemoPosts(now);
  const demoSlugs = new Set(demoAuthors.map((author) => author.slug));
  const ownerSlug = await uniqueSlug(slugify(email.split("@")[0] ?? "") || "owner", async (slug) => demoSlugs.has(slug));
  // Demo authors sign in only after an owner sets them a password. Hashed before the transaction, which
  // then holds only database work.
  const authorPasswordHashes = hasContent ? [] : await Promise.all(demoAuthors.map(() => hashPassword(randomBytes(32).toString("base64url"))));
  await db.$transaction(async (tx) => {
    const owner = await tx.user.create({ data: { email, name: "Site Owner", slug: ownerSlug, passwordHash, role: "OWNER" } });
    if (hasContent) return;
    await tx.site.upsert({ where: { id: 1 }, create: { id: 1, ...demoSite }, update: {} });
    const authorIds = new Map<string, string>();
    for (const [index, author] of demoAuthors.entries()) {
      // An owner who signs up with a demo author's address simply becomes that author.
      if (author.email === email) {
        authorIds.set(author.key, owner.id);
        continue;
      }
      const created = await tx.user.create({
        data: {
          email: author.email,
          name: author.name,
          slug: author.slug,
          bio: author.bio,
          role: author.role,
          passwordHash: authorPasswordHashes[index]!,
        },
      });
      authorIds.set(author.key, created.id);
    }
    const tagIds = new Map<string, string>();
    for (const tag of demoTags) {
      const created = await tx.tag.create({ data: tag });
      tagIds.set(tag.slug, created.id);
    }
    for (const post of demo) {
      const created = await tx.post.create({
        data: {
          ...post.data,
          authorId: authorIds.get(post.authorKey)!,
          tags: { create: post.tagSlugs.map((slug, position) => ({ tagId: tagIds.get(slug)!, position })) },
        },
        select: { id: true },
      });
      await recordSearchTerms(tx, created.id);
    }
  }, { timeout: FIRST_RUN_TRANSACTION_MS });
  return { kind: "created", ownerEmail: email, generatedPassword, demoPosts: demo.length };
}

async function prepareDemoPosts(now: Date) {
  return demoPosts.map((post) => {
    const body = parsePostDoc(post.doc);
    const publishedAt = new Date(now.getTime() - post.daysAgo * DAY);
    return {
      authorKey: post.authorKey,
      tagSlugs: post.tagSlugs,
      data: {
        title: post.title,
        slug: post.slug,
        customExcerpt: post.customExcerpt,
        excerpt: deriveExcerpt(post.customExcerpt, body.summary),
        content: body.doc,
        plaintext: body.plaintext,
        wordCount: body.wordCount,
        status: post.status,
        publishedAt: post.status === "PUBLISHED" ? publishedAt : null,
        createdAt: publishedAt,
      },
    };
  });
}
