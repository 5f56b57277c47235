import { z } from "zod";
import { MAX_SLUG_LENGTH, slugify } from "@/lib/slug";

import { MAX_TAG_DESCRIPTION_LENGTH, MAX_TAG_NAME_LENGTH } from "@/lib/validations/limits";

export { MAX_TAG_DESCRIPTION_LENGTH, MAX_TAG_NAME_LENGTH };

const tagId = z.string().min(1).max(64);

/** What the tag form sends. An empty slug means "derive it from the name". */
export const UpdateTagInput = z.object({
  id: tagId,
  /** When the form loaded the tag; the save is refused when someone changed it since. */
  updatedAt: z.iso.datetime({ message: "Invalid request." }),
  name: z
    .string()
    .trim()
    .min(1, "Give the tag a name.")
    .max(MAX_TAG_NAME_LENGTH, `Name must be at most ${MAX_TAG_NAME_LENGTH} characters.`)
    .refine((name) => name === "" || slugify(name) !== "", "Use at least one letter or number in the name."),
  // Normalised as Ghost does: "My Tag" becomes "my-tag", rather than refused.
  slug: z
    .string()
    .trim()
    .max(MAX_SLUG_LENGTH, `Slug must be at most ${MAX_SLUG_LENGTH} characters.`)
    .refine((slug) => slug === "" || slugify(slug) !== "", "Use at least one letter or number in the slug.")
    .transform(slugify),
  description: z
    .string()
    .trim()
    .max(MAX_TAG_DESCRIPTION_LENGTH, `Description must be at most ${MAX_TAG_DESCRIPTION_LENGTH} characters.`),
});
export type UpdateTagInput = z.infer<typeof UpdateTagInput>;

export const DeleteTagInput = z.object({ id: tagId });
export type DeleteTagInput = z.infer<typeof DeleteTagInput>;
