import "server-only";
import { db } from "@/lib/db";
import { can, type Actor } from "@/lib/permissions";

/**
 * Whether the actor may open this post's editor or staff preview, for the proxy's status code: false
 * for a missing post and for one the actor may not edit alike, so a 404 never reveals which (as Ghost
 * answers). The page makes the same decision through getEditablePost.
 */
export async function canOpenPostEditor(actor: Actor, postId: string): Promise<boolean> {
  const row = await db.post.findUnique({ where: { id: postId }, select: { authorId: true, status: true } });
  return row !== null && can(actor, "post.edit", row);
}
