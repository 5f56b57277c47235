// No zod here: the editor's settings panel and checklist use these in the browser, where zod's schemas
// would probe for eval (refused by the Content-Security-Policy) and add to the bundle.

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
