import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { createPost, createUser, type StaffRole } from "./factories";
import { testDb } from "./db";

const unique = () => randomUUID().slice(0, 8);

/** A tag with a slug no other test uses. */
export async function createTag({ name = `Topic ${unique()}`, description = null as string | null } = {}) {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${unique()}`;
  return testDb().tag.create({ data: { name, slug, description }, select: { id: true, slug: true, name: true } });
}

/** A staff member with a public profile; `slug` is where their author page lives. */
export async function createAuthor(role: StaffRole = "AUTHOR", profile: { name?: string; bio?: string | null; website?: string | null } = {}) {
  const user = await createUser(role, profile.name);
  const row = await testDb().user.update({
    where: { id: user.id },
    data: { bio: profile.bio ?? null, website: profile.website ?? null },
    select: { slug: true },
  });
  return { ...user, slug: row.slug };
}

/** A post (published unless said otherwise) linked to these tags in order. */
export async function createTaggedPost(options: { authorId: string; title?: string; status?: "DRAFT" | "PUBLISHED"; tagIds: string[] }) {
  const post = await createPost({ authorId: options.authorId, title: options.title, status: options.status ?? "PUBLISHED" });
  await testDb().postTag.createMany({ data: options.tagIds.map((tagId, position) => ({ postId: post.id, tagId, position })) });
  return post;
}

/** The page's JSON-LD objects, parsed (a parse error fails the test). */
export async function jsonLdOf(page: Page): Promise<Record<string, unknown>[]> {
  const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
  return scripts.flatMap((text) => {
    const data: unknown = JSON.parse(text);
    return (Array.isArray(data) ? data : [data]) as Record<string, unknown>[];
  });
}
