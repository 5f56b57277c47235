/** The sitemaps protocol's limit of URLs per file (and of child sitemaps per index). */
export const SITEMAP_URL_LIMIT = 50_000;

export interface SitemapUrl {
  /** Absolute URL. */
  loc: string;
  lastmod?: Date;
}

/** One kind of URL; past the limit each becomes child sitemaps named "<name>-1.xml", "<name>-2.xml", … */
export interface SitemapSection {
  name: string;
  urls: SitemapUrl[];
}

export interface SitemapOptions {
  /** URLs per file; tests lower it to exercise the index. */
  limit: number;
  /** Absolute URL of a child sitemap file, e.g. "posts-2.xml". */
  childUrl: (file: string) => string;
}

/** Escapes the five XML special characters, for text and attribute values alike. */
export function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

function lastmodElement(date: Date | undefined): string {
  return date ? `<lastmod>${date.toISOString()}</lastmod>` : "";
}

/** A <urlset> document listing `urls`. */
export function renderUrlset(urls: SitemapUrl[]): string {
  const body = urls.map((url) => `<url><loc>${escapeXml(url.loc)}</loc>${lastmodElement(url.lastmod)}</url>\n`).join("");
  return `${XML_DECLARATION}<urlset xmlns="${NAMESPACE}">\n${body}</urlset>\n`;
}

/** A <sitemapindex> document listing child sitemaps. */
export function renderSitemapIndex(children: SitemapUrl[]): string {
  const body = children.map((child) => `<sitemap><loc>${escapeXml(child.loc)}</loc>${lastmodElement(child.lastmod)}</sitemap>\n`).join("");
  return `${XML_DECLARATION}<sitemapindex xmlns="${NAMESPACE}">\n${body}</sitemapindex>\n`;
}

function newest(urls: SitemapUrl[]): Date | undefined {
  let latest: Date | undefined;
  for (const url of urls) if (url.lastmod && (!latest || url.lastmod > latest)) latest = url.lastmod;
  return latest;
}

/** Each section split into files of at most `limit` URLs, named "<section>-<n>.xml"; empty sections have none. */
export function chunkSitemap(sections: SitemapSection[], limit: number): { file: string; urls: SitemapUrl[] }[] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("The sitemap limit must be a positive integer.");
  return sections.flatMap((section) =>
    Array.from({ length: Math.ceil(section.urls.length / limit) }, (_, index) => ({
      file: `${section.name}-${index + 1}.xml`,
      urls: section.urls.slice(index * limit, (index + 1) * limit),
    })),
  );
}

/**
 * The sitemap document at `file`: null is /sitemap.xml, one <urlset> while every URL fits in one file,
 * else a <sitemapindex> of the chunks; a chunk's name gives that chunk. Null for a chunk that does not
 * exist (including every chunk while no index is needed). Pure: no I/O.
 */
export function sitemapDocument(sections: SitemapSection[], file: string | null, options: SitemapOptions): string | null {
  const total = sections.reduce((sum, section) => sum + section.urls.length, 0);
  const indexed = total > options.limit;
  if (file === null) {
    if (!indexed) return renderUrlset(sections.flatMap((section) => section.urls));
    return renderSitemapIndex(chunkSitemap(sections, options.limit).map((chunk) => ({ loc: options.childUrl(chunk.file), lastmod: newest(chunk.urls) })));
  }
  if (!indexed) return null;
  const chunk = chunkSitemap(sections, options.limit).find((candidate) => candidate.file === file);
  return chunk ? renderUrlset(chunk.urls) : null;
}
