import "server-only";
import { db } from "@/lib/db";
import { cacheTags } from "@/lib/cache/tags";
import { DomainError } from "@/lib/errors";
import { assertCan, can, type Actor } from "@/lib/permissions";
import { neighbourTags, revisionOfSettingsSave, revisionTextSelect } from "@/lib/posts";
import { recordRevision } from "@/lib/posts/revisions";
import { getSiteTimezone } from "@/lib/site";
import { wallTimeToDate } from "@/lib/posts/schedule-time";
import type { SavePostSettingsInput } from "@/lib/validations/post-settings";

/** A post's search and social settings as the editor shows them; empty strings mean "use the post's own". */
export interface PostSettings {
  metaTitle: string;
  metaDescription: string;
  canonicalUrl: string;
  socialTitle: string;
  socialDescription: string;
  socialImage: string;
  /** Set on first publish; a published post's date can be moved into the past (back-dated). */
  publishedAt: Date | null;
}

const settingsSelect = {
  metaTitle: true,
  metaDescription: true,
  canonicalUrl: true,
  socialTitle: true,
  socialDescription: true,
  socialImage: true,
  publishedAt: true,
} as const;

type SettingsRow = { [K in keyof typeof settingsSelect]: K extends "canonicalUrl" | "socialImage" ? string | null : K extends "publishedAt" ? Date | null : string };

const toSettings = (row: SettingsRow): PostSettings => ({
  metaTitle: row.metaTitle,
  metaDescription: row.metaDescription,
  canonicalUrl: row.canonicalUrl ?? "",
  socialTitle: row.socialTitle,
  socialDescription: row.socialDescription,
  socialImage: row.socialImage ?? "",
  publishedAt: row.publishedAt,
});

/** The settings of a post the actor may edit, or null (missing and forbidden look alike). */
export async function getPostSettings(actor: Actor, postId: string): Promise<PostSettings | null> {
  const row = await db.post.findUnique({ where: { id: postId }, select: { ...settingsSelect, authorId: true, status: true } });
  if (!row || !can(actor, "post.edit", row)) return null;
  return toSettings(row);
}

/**
 * Saves a post's search and social settings and, for a published post, its publish date. Saved apart
 * from the body and without the post's version, as the feature image is: nothing here is in the text the
 * editor holds. Recorded as a revision (a settings change always starts one). Whoever may edit the post
 * may change the settings; moving the publish date takes the right to publish it, and the date must not
 * be in the future (that is scheduling).
 * Throws DomainError("NOT_FOUND" | "FORBIDDEN" | "INVALID_INPUT" | "INVALID_STATE").
 */
export async function savePostSettings(actor: Actor, input: SavePostSettingsInput, now = new Date()): Promise<{ settings: PostSettings; publicTags: string[] }> {
  const post = await db.post.findUnique({
    where: { id: input.postId },
    select: { id: true, authorId: true, status: true, slug: true, publishedAt: true, author: { select: { slug: true } }, tags: { select: { tag: { select: { slug: true } } } } },
  });
  if (!post || !can(actor, "post.edit", post)) throw new DomainError("NOT_FOUND", "That post does not exist or you cannot edit it.");

  let publishedAt = post.publishedAt;
  if (input.publishedAt !== "") {
    const date = wallTimeToDate(input.publishedAt, await getSiteTimezone());
    if (!date) throw new DomainError("INVALID_INPUT", "Give the publish date as a date and time.");
    if (date.getTime() !== post.publishedAt?.getTime()) {
      if (!post.publishedAt) throw new DomainError("INVALID_STATE", "The publish date is set when the post is first published; to publish later, schedule it.");
      assertCan(actor, "post.publish", post);
      if (date.getTime() > now.getTime()) throw new DomainError("INVALID_INPUT", "The publish date cannot be in the future; schedule the post to publish it later.");
      publishedAt = date;
    }
  }

  const row = await db.$transaction(async (tx) => {
    const written = await tx.post.update({
      where: { id: post.id },
      data: {
        metaTitle: input.metaTitle,
        metaDescription: input.metaDescription,
        canonicalUrl: input.canonicalUrl || null,
        socialTitle: input.socialTitle,
        socialDescription: input.socialDescription,
        socialImage: input.socialImage || null,
        publishedAt,
      },
      select: { ...settingsSelect, ...revisionTextSelect },
    });
    await recordRevision(tx, revisionOfSettingsSave(actor, post.id, written));
    return written;
  });

  const dateMoved = publishedAt?.getTime() !== post.publishedAt?.getTime();
  const publicTags =
    post.status !== "PUBLISHED"
      ? []
      : dateMoved && publishedAt && post.publishedAt
        ? // A new date moves the post in every list, feed and sitemap, and changes its neighbours' previous/next links.
          [
            ...new Set([
              cacheTags.post(post.slug),
              cacheTags.postList,
              cacheTags.author(post.author.slug),
              ...post.tags.map(({ tag }) => cacheTags.tag(tag.slug)),
              ...(await neighbourTags(post.id, post.publishedAt)),
              ...(await neighbourTags(post.id, publishedAt)),
            ]),
          ]
        : [cacheTags.post(post.slug)];
  return { settings: toSettings(row), publicTags };
}
