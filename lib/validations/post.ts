import { z } from "zod";
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from "@/lib/slug";

export const MAX_TITLE_LENGTH = 200;
export const MAX_EXCERPT_LENGTH = 500;
export const MAX_TAGS = 10;
/** Serialized document size limit: a very long post with code is a few hundred KB. */
export const MAX_CONTENT_CHARS = 1_000_000;

const trimmed = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be at most ${max} characters.`);

/** Everything the editor sends when it saves, publishes or unpublishes. */
export const SavePostInput = z.object({
  /** Absent for a post that has never been saved. */
  id: z.string().min(1).max(64).optional(),
  /** The version the editor loaded; the save is refused when the stored version moved on. */
  version: z.coerce.number().int().min(0),
  title: trimmed(MAX_TITLE_LENGTH, "Title"),
  /** Empty means "derive from the title". */
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(MAX_SLUG_LENGTH, `Slug must be at most ${MAX_SLUG_LENGTH} characters.`)
    .refine((slug) => slug === "" || SLUG_PATTERN.test(slug), "Slug may contain only a–z, 0–9 and single hyphens."),
  customExcerpt: trimmed(MAX_EXCERPT_LENGTH, "Excerpt"),
  tags: z.array(trimmed(60, "A tag name").min(1)).max(MAX_TAGS, `At most ${MAX_TAGS} tags.`),
  /** The Tiptap document as a JSON string (editor JSON has null-prototype objects React cannot pass). */
  content: z.string().max(MAX_CONTENT_CHARS, "The post is too long to save."),
});
export type SavePostInput = z.infer<typeof SavePostInput>;

export const DeletePostInput = z.object({
  id: z.string().min(1).max(64),
  version: z.coerce.number().int().min(1),
});
export type DeletePostInput = z.infer<typeof DeletePostInput>;
