/** Public paths, in one place so that links and canonical URLs agree. */
export const postPath = (slug: string) => `/blog/${slug}`;
export const homePagePath = (page: number) => (page <= 1 ? "/" : `/page/${page}`);
export const editPostPath = (id: string) => `/admin/posts/${id}`;
export const tagPath = (slug: string, page = 1) => (page <= 1 ? `/tag/${slug}` : `/tag/${slug}/page/${page}`);
export const authorPath = (slug: string, page = 1) => (page <= 1 ? `/author/${slug}` : `/author/${slug}/page/${page}`);
export const searchPath = (query: string, page = 1) => `/search?q=${encodeURIComponent(query)}${page <= 1 ? "" : `&page=${page}`}`;
/** Feeds: the site's, a tag's or an author's, in each format. */
export type FeedFormat = "rss" | "atom" | "json";
export type FeedScope = { kind: "site" } | { kind: "tag"; slug: string } | { kind: "author"; slug: string };
const feedFiles: Record<FeedFormat, string> = { rss: "rss.xml", atom: "atom.xml", json: "feed.json" };
export function feedPath(scope: FeedScope, format: FeedFormat): string {
  const base = scope.kind === "site" ? "" : `/${scope.kind}/${scope.slug}`;
  return `${base}/${feedFiles[format]}`;
}
