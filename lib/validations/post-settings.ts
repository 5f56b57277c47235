import { z } from "zod";
import { safeImageSrc } from "@/lib/editor/safe-href";

/*
 * A post's search and social settings, as Ghost's post settings offer them. Limits are Ghost's (300 for
 * titles, 500 for descriptions); the lengths search engines and networks show are recommendations the
 * editor's counters point out, not limits.
 */

export const MAX_META_TITLE_LENGTH = 300;
export const MAX_META_DESCRIPTION_LENGTH = 500;
export const MAX_URL_LENGTH = 2048;
/** What Google shows of a title and a description before cutting them (about; it measures pixels). */
export const RECOMMENDED_META_TITLE_LENGTH = 60;
export const RECOMMENDED_META_DESCRIPTION_LENGTH = 155;

const text = (max: number, label: string) => z.string().trim().max(max, `${label} must be at most ${max} characters.`);

/**
 * An absolute http(s) URL without credentials, as written (normalised by the URL parser), or null.
 * Other schemes (javascript:, data:, ftp:) are refused: the value ends up in <link rel="canonical">.
 */
export function canonicalUrlFromInput(raw: string): string | null {
  const value = raw.trim();
  if (!/^https?:\/\//i.test(value)) return null;
  try {
    const url = new URL(value);
    if ((url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname || url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

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
