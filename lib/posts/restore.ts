import "server-only";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { savePost, type SaveResult } from "@/lib/posts";
import { getRevisionForRestore } from "@/lib/posts/revisions";

/**
 * Restores a revision's title, excerpt and body as a save based on the post's current version (its slug,
 * tags and status stay), recorded as a RESTORE revision; a published post shows it to readers at once.
 * Whoever may edit the post may restore. `version` is the version the restoring editor holds: a post
 * changed since then is refused (CONFLICT), as any save is. Throws as savePost, and
 * DomainError("NOT_FOUND") for a revision that is not the post's.
 */
export async function restoreRevision(actor: Actor, input: { postId: string; revisionId: string; version: number }): Promise<SaveResult> {
  const post = await db.post.findUnique({
    where: { id: input.postId },
    select: { id: true, authorId: true, status: true, slug: true, publishedAt: true, tags: { select: { tag: { select: { name: true } } }, orderBy: { position: "asc" } } },
  });
  if (!post || !can(actor, "post.edit", post)) throw new DomainError("NOT_FOUND", "That post does not exist or you cannot edit it.");
  const revision = await getRevisionForRestore(post.id, input.revisionId);
  if (!revision) throw new DomainError("NOT_FOUND", "That revision no longer exists.");
  return savePost(
    actor,
    {
      id: post.id,
      version: input.version,
      title: revision.title,
      // Keep the slug as it is: a restore must not move a post's public URL.
      slug: post.slug,
      customExcerpt: revision.customExcerpt ?? "",
      tags: post.tags.map(({ tag }) => tag.name),
      content: JSON.stringify(revision.content),
    },
    "save",
    { revisionKind: "RESTORE" },
  );
}
