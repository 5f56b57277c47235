import { z } from "zod";
import { safeImageSrc } from "@/lib/editor/safe-href";
import { canonicalUrlFromInput, MAX_META_DESCRIPTION_LENGTH, MAX_META_TITLE_LENGTH, MAX_URL_LENGTH } from "@/lib/posts/settings-rules";
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from "@/lib/slug";
import { MAX_ALT_LENGTH, MAX_CAPTION_LENGTH } from "@/lib/validations/media";

// Tags made in tag management are not held to the editor's limits (10 a post, 60 characters a name).
const MAX_TAGS_STORED = 50;

const text = (max: number) => z.string().max(max);
const image = z
  .string()
  .max(MAX_URL_LENGTH)
  .refine((src) => safeImageSrc(src) === src, "Not a usable image address.")
  .nullable();

/**
 * A post's settings as a revision stores them (post_revisions.settings): what the editor's settings
 * panel, feature image field, slug and tag fields edit. Read back through this schema, so a row that
 * was edited by hand or written by an older build is "unreadable" instead of crashing the history
 * panel or being restored half-way. Tags are kept by id, with the name they had then, so a tag renamed
 * since is still the same tag and a deleted one is recognised as gone.
 */
export const StoredRevisionSettings = z.object({
  slug: z.string().max(MAX_SLUG_LENGTH).regex(SLUG_PATTERN),
  tags: z.array(z.object({ id: z.string().min(1).max(64), name: z.string().max(200) })).max(MAX_TAGS_STORED),
  featureImage: image,
  featureImageAlt: text(MAX_ALT_LENGTH),
  featureImageCaption: text(MAX_CAPTION_LENGTH),
  metaTitle: text(MAX_META_TITLE_LENGTH),
  metaDescription: text(MAX_META_DESCRIPTION_LENGTH),
  canonicalUrl: z
    .string()
    .max(MAX_URL_LENGTH)
    .refine((url) => canonicalUrlFromInput(url) !== null, "Not an http(s) address.")
    .nullable(),
  socialTitle: text(MAX_META_TITLE_LENGTH),
  socialDescription: text(MAX_META_DESCRIPTION_LENGTH),
  socialImage: image,
  /** ISO 8601; null until the post is first published. */
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type StoredRevisionSettings = z.infer<typeof StoredRevisionSettings>;

/**
 * What a revision's settings column holds, as callers use it: the settings, "none" for revisions made
 * before settings were recorded (SQL NULL), or "unreadable" for a value this schema refuses.
 */
export type RevisionSettingsState = { state: "recorded"; settings: StoredRevisionSettings } | { state: "none" } | { state: "unreadable" };

/** Reads a stored settings value (JSON from the database) without throwing. */
export function readRevisionSettings(value: unknown): RevisionSettingsState {
  if (value === null || value === undefined) return { state: "none" };
  const parsed = StoredRevisionSettings.safeParse(value);
  return parsed.success ? { state: "recorded", settings: parsed.data } : { state: "unreadable" };
}
