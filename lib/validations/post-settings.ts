import { z } from "zod";
import { safeImageSrc } from "@/lib/editor/safe-href";
import {
  canonicalUrlFromInput,
  MAX_META_DESCRIPTION_LENGTH,
  MAX_META_TITLE_LENGTH,
  MAX_URL_LENGTH,
} from "@/lib/posts/settings-rules";

export * from "@/lib/posts/settings-rules";

const text = (max: number, label: string) => z.string().trim().max(max, `${label} must be at most ${max} characters.`);

/** Everything the settings panel saves; empty strings clear a setting (the post's own title, excerpt or image is used). */
export const SavePostSettingsInput = z.object({
  postId: z.string().min(1).max(64),
  metaTitle: text(MAX_META_TITLE_LENGTH, "Meta title"),
  metaDescription: text(MAX_META_DESCRIPTION_LENGTH, "Meta description"),
  canonicalUrl: z
    .string()
    .trim()
    .max(MAX_URL_LENGTH, "The canonical URL is too long.")
    .refine((url) => url === "" || canonicalUrlFromInput(url) !== null, "The canonical URL must be a full http:// or https:// address.")
    .transform((url) => (url === "" ? "" : canonicalUrlFromInput(url)!)),
  socialTitle: text(MAX_META_TITLE_LENGTH, "Social title"),
  socialDescription: text(MAX_META_DESCRIPTION_LENGTH, "Social description"),
  socialImage: z
    .string()
    .trim()
    .max(MAX_URL_LENGTH, "The social image address is too long.")
    .refine((src) => src === "" || safeImageSrc(src) !== null, "Use an uploaded image, an http(s) image URL or a path on this site.")
    .transform((src) => (src === "" ? "" : safeImageSrc(src)!)),
  /**
   * The publish date as a wall-clock time in the site's time zone ("YYYY-MM-DDTHH:mm[:ss]"), to back-date
   * a published post; empty keeps the stored date.
   */
  publishedAt: z
    .string()
    .trim()
    .max(32)
    .refine((value) => value === "" || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value), "Give the publish date as a date and time."),
});
export type SavePostSettingsInput = z.infer<typeof SavePostSettingsInput>;
