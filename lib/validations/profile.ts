import { z } from "zod";
import { MAX_SLUG_LENGTH, slugify } from "@/lib/slug";

import { MAX_BIO_LENGTH, MAX_NAME_LENGTH, MAX_WEBSITE_LENGTH } from "@/lib/validations/limits";

export { MAX_BIO_LENGTH, MAX_NAME_LENGTH, MAX_WEBSITE_LENGTH };

/** Whether `value` is an absolute http(s) URL with a host. */
function isWebUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

/** What the profile form sends. An empty slug means "derive it from the name"; empty bio and website clear them. */
export const UpdateProfileInput = z.object({
  id: z.string().min(1).max(64),
  name: z
    .string()
    .trim()
    .min(1, "Enter a name.")
    .max(MAX_NAME_LENGTH, `Name must be at most ${MAX_NAME_LENGTH} characters.`),
  // Normalised as Ghost does: "Ada Lovelace" becomes "ada-lovelace", rather than refused.
  slug: z
    .string()
    .trim()
    .max(MAX_SLUG_LENGTH, `Slug must be at most ${MAX_SLUG_LENGTH} characters.`)
    .refine((slug) => slug === "" || slugify(slug) !== "", "Use at least one letter or number in the slug.")
    .transform(slugify),
  bio: z.string().trim().max(MAX_BIO_LENGTH, `Bio must be at most ${MAX_BIO_LENGTH} characters.`),
  website: z
    .string()
    .trim()
    .max(MAX_WEBSITE_LENGTH, `Website must be at most ${MAX_WEBSITE_LENGTH} characters.`)
    .refine((url) => url === "" || isWebUrl(url), "Website must be a full http:// or https:// address, such as https://example.com."),
});
export type UpdateProfileInput = z.infer<typeof UpdateProfileInput>;
