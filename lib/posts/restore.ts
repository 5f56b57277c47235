import "server-only";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { mediaKeyFromSrc } from "@/lib/media/variants";
import { can, type Actor } from "@/lib/permissions";
import { savePost, type RestoredSettings, type SaveResult } from "@/lib/posts";
import { formatSiteDate, getRevisionForRestore } from "@/lib/posts/revisions";
import { getSiteTimezone } from "@/lib/site";
import type { StoredRevisionSettings } from "@/lib/validations/revision-settings";

/** A restore's write, and what of the revision could not be brought back and why, for the editor to show. */
export interface RestoreResult extends SaveResult {
  notes: string[];
}

type PostForRestore = { id: string; authorId: string; status: "DRAFT" | "SCHEDULED" | "PUBLISHED"; slug: string; publishedAt: Date | null };

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(", ");

/** Whether an image is still there: an uploaded file must still be in the library; other addresses cannot be checked. */
async function imageExists(src: string): Promise<boolean> {
  const key = mediaKeyFromSrc(src);
  return key === null || (await db.media.count({ where: { key } })) > 0;
}

/**
 * The parts of a revision's settings that can be written back now, with a note for each that cannot:
 * tags deleted since are left off, uploaded images deleted since are dropped, a slug another post has
 * taken since stays as it is, and a publish date is moved only by those who may publish the post.
 */
async function restorableSettings(actor: Actor, post: PostForRestore, stored: StoredRevisionSettings, notes: string[]) {
  const existingTags = await db.tag.findMany({ where: { id: { in: stored.tags.map((tag) => tag.id) } }, select: { id: true, name: true } });
  const tagNames = new Map(existingTags.map((tag) => [tag.id, tag.name]));
  const goneTags = stored.tags.filter((tag) => !tagNames.has(tag.id)).map((tag) => tag.name);
  if (goneTags.length > 0) {
    notes.push(`${goneTags.length === 1 ? "The tag" : "The tags"} ${quoted(goneTags)} ${goneTags.length === 1 ? "was" : "were"} deleted since this revision, so the post is restored without ${goneTags.length === 1 ? "it" : "them"}.`);
  }
  // By their current names: a tag renamed since is the same tag, and resolving it creates nothing.
  const tags = stored.tags.flatMap((tag) => tagNames.get(tag.id) ?? []);

  let slug = stored.slug;
  if (slug !== post.slug) {
    const owner = await db.post.findUnique({ where: { slug }, select: { id: true } });
    if (owner && owner.id !== post.id) {
      notes.push(slugTakenNote(stored.slug, post.slug));
      slug = post.slug;
    }
  }

  let featureImage = stored.featureImage;
  if (featureImage && !(await imageExists(featureImage))) {
    notes.push("The feature image of this revision was deleted from the media library since, so the post is restored without a feature image.");
    featureImage = null;
  }
  let socialImage = stored.socialImage;
  if (socialImage && !(await imageExists(socialImage))) {
    notes.push("The social image of this revision was deleted from the media library since, so the post is restored without one (the feature image is used).");
    socialImage = null;
  }

  let publishedAt: Date | undefined;
  if (stored.publishedAt && post.publishedAt && Date.parse(stored.publishedAt) !== post.publishedAt.getTime()) {
    const format = formatSiteDate(await getSiteTimezone());
    const date = new Date(stored.publishedAt);
    if (!can(actor, "post.publish", post)) {
      notes.push(`The publish date stays ${format(post.publishedAt.toISOString())}: only those who may publish this post can move it to ${format(stored.publishedAt)}.`);
    } else if (date.getTime() > Date.now()) {
      notes.push(`The publish date stays ${format(post.publishedAt.toISOString())}: ${format(stored.publishedAt)} is in the future (schedule the post instead).`);
    } else {
      publishedAt = date;
    }
  }

  const settings: RestoredSettings = {
    featureImage,
    featureImageAlt: featureImage ? stored.featureImageAlt : "",
    featureImageCaption: featureImage ? stored.featureImageCaption : "",
    metaTitle: stored.metaTitle,
    metaDescription: stored.metaDescription,
    canonicalUrl: stored.canonicalUrl,
    socialTitle: stored.socialTitle,
    socialDescription: stored.socialDescription,
    socialImage,
    ...(publishedAt ? { publishedAt } : {}),
  };
  return { slug, tags, settings };
}

const slugTakenNote = (wanted: string, kept: string) => `The slug "${wanted}" is used by another post now, so the post keeps its current slug "${kept}".`;

/**
 * Restores a revision as a save based on the post's current version, recorded as a RESTORE revision: its
 * title, excerpt and body, and its settings where it recorded them (slug, tags, feature image, search and
 * social fields, publish date); a published post shows it to readers at once. A slug change goes through
 * the save's slug path, so the old URL redirects. What cannot be restored is left as it is and said in
 * `notes`, never silently. Whoever may edit the post may restore. `version` is the version the restoring
 * editor holds: a post changed since then is refused (CONFLICT), as any save is. Throws as savePost, and
 * DomainError("NOT_FOUND") for a revision that is not the post's.
 */
export async function restoreRevision(actor: Actor, input: { postId: string; revisionId: string; version: number }): Promise<RestoreResult> {
  const post = await db.post.findUnique({
    where: { id: input.postId },
    select: { id: true, authorId: true, status: true, slug: true, publishedAt: true, tags: { select: { tag: { select: { name: true } } }, orderBy: { position: "asc" } } },
  });
  if (!post || !can(actor, "post.edit", post)) throw new DomainError("NOT_FOUND", "That post does not exist or you cannot edit it.");
  const revision = await getRevisionForRestore(post.id, input.revisionId);
  if (!revision) throw new DomainError("NOT_FOUND", "That revision no longer exists.");

  const notes: string[] = [];
  let slug = post.slug;
  let tags = post.tags.map(({ tag }) => tag.name);
  let settings: RestoredSettings | undefined;
  if (revision.settings.state === "recorded") {
    ({ slug, tags, settings } = await restorableSettings(actor, post, revision.settings.settings, notes));
  } else {
    notes.push(
      revision.settings.state === "none"
        ? "This revision is older than the recording of settings, so its title, excerpt and text were restored and the post's settings were left as they are."
        : "This revision's settings could not be read, so its title, excerpt and text were restored and the post's settings were left as they are.",
    );
  }

  const save = (chosenSlug: string) =>
    savePost(
      actor,
      { id: post.id, version: input.version, title: revision.title, slug: chosenSlug, customExcerpt: revision.customExcerpt ?? "", tags, content: JSON.stringify(revision.content) },
      "save",
      { revisionKind: "RESTORE", settings },
    );
  try {
    return { ...(await save(slug)), notes };
  } catch (error) {
    // Another post took the slug between the check and the write (which then wrote nothing): keep the current one.
    if (!(error instanceof DomainError && error.code === "SLUG_TAKEN") || slug === post.slug) throw error;
    return { ...(await save(post.slug)), notes: [...notes, slugTakenNote(slug, post.slug)] };
  }
}
