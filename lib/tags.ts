import "server-only";
import type { TransactionClient } from "@/lib/generated/prisma/internal/prismaNamespace";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/permissions";
import { slugify } from "@/lib/slug";

export interface TagRef {
  name: string;
  slug: string;
}

/** All tag names, for the editor's suggestions. Any staff member may call it. */
export async function listTagNames(actor: Actor): Promise<string[]> {
  assertCan(actor, "admin.access");
  const tags = await db.tag.findMany({ select: { name: true }, orderBy: { name: "asc" } });
  return tags.map((tag) => tag.name);
}

/**
 * Ids of the tags named, in the order given, creating missing ones when the actor may create tags.
 * Names that slugify to the same slug count once. Throws DomainError("FORBIDDEN" | "INVALID_INPUT").
 */
export async function resolveTagsForWrite(tx: TransactionClient, actor: Actor, names: string[]): Promise<{ id: string; slug: string }[]> {
  const wanted = new Map<string, string>();
  for (const name of names) {
    const slug = slugify(name);
    if (!slug) throw new DomainError("INVALID_INPUT", `"${name}" cannot be used as a tag name.`);
    if (!wanted.has(slug)) wanted.set(slug, name);
  }
  if (wanted.size === 0) return [];

  const existing = await tx.tag.findMany({ where: { slug: { in: [...wanted.keys()] } }, select: { id: true, slug: true } });
  const bySlug = new Map(existing.map((tag) => [tag.slug, tag]));
  const missing = [...wanted].filter(([slug]) => !bySlug.has(slug));
  if (missing.length > 0) {
    assertCan(actor, "tag.create");
    // ON CONFLICT DO NOTHING: a tag created by a concurrent save is reused, not reported as a clash.
    await tx.tag.createMany({ data: missing.map(([slug, name]) => ({ slug, name })), skipDuplicates: true });
    const created = await tx.tag.findMany({ where: { slug: { in: missing.map(([slug]) => slug) } }, select: { id: true, slug: true } });
    for (const tag of created) bySlug.set(tag.slug, tag);
  }
  return [...wanted.keys()].map((slug) => bySlug.get(slug)!);
}
