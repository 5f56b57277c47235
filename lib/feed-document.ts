import { Feed, type Category, type Item } from "feed";
import { generateJsonFeed, type JsonFeed } from "feedsmith";
import type { FeedFormat } from "@/lib/paths";

/** One post as a feed entry; every URL absolute, `contentHtml` already made safe (lib/post-html). */
export interface FeedDocumentEntry {
  /** Stable across slug changes, so readers do not show an edited post twice. */
  id: string;
  title: string;
  url: string;
  summary: string;
  contentHtml: string;
  published: Date;
  updated: Date;
  author: { name: string; url: string };
  tags: { name: string; slug: string }[];
}

export interface FeedDocumentInput {
  title: string;
  description: string;
  /** The page the feed belongs to: home, tag or author page. */
  pageUrl: string;
  /** The feed's own URL in each format. */
  feedUrls: Record<FeedFormat, string>;
  language: string;
  entries: FeedDocumentEntry[];
  /** Absolute URLs of the site's square icon (RSS image, Atom logo, JSON icon) and favicon. */
  icon?: string;
  favicon?: string;
}

/** MIME type and charset of each feed format. */
export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

/**
 * Entity-encodes text for the XML formats' HTML-typed fields. Atom's type="html" titles and summaries
 * and RSS descriptions are HTML; readers disagree on whether RSS titles are, and encoded text reads
 * right either way. It also keeps "]]>" out of the CDATA sections the library writes.
 */
function htmlText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The feed library writes attribute values escaping only `&` and `"`, so a `<` would make the XML
 * malformed; a label with one is left out (the term, a slug, still names the tag).
 */
function atomCategory(tag: { name: string; slug: string }): Category {
  return tag.name.includes("<") ? { term: tag.slug } : { term: tag.slug, name: tag.name };
}

function toItem(entry: FeedDocumentEntry, format: Exclude<FeedFormat, "json">): Item {
  const common = { id: entry.id, link: entry.url, date: entry.updated, published: entry.published, content: entry.contentHtml };
  if (format === "atom") {
    return {
      ...common,
      title: htmlText(entry.title),
      description: htmlText(entry.summary),
      author: [{ name: entry.author.name, link: entry.author.url }],
      category: entry.tags.map(atomCategory),
    };
  }
  return {
    ...common,
    title: htmlText(entry.title),
    description: htmlText(entry.summary),
    category: entry.tags.map((tag) => ({ name: tag.name })),
    // RSS's <author> must be an email address; Dublin Core's creator takes a name.
    extensions: [{ name: "dc:creator", objects: { _text: entry.author.name } }],
  };
}

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): `authors` and `language`, which the feed
 * package's 1.0 writer lacks; feedsmith writes the version and drops empty fields. Titles and summaries
 * are plain text in this format.
 */
function jsonFeed(input: FeedDocumentInput): string {
  const feed: JsonFeed.Feed<Date> = {
    title: input.title,
    home_page_url: input.pageUrl,
    feed_url: input.feedUrls.json,
    description: input.description,
    language: input.language,
    ...(input.icon ? { icon: input.icon } : {}),
    ...(input.favicon ? { favicon: input.favicon } : {}),
    items: input.entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      summary: entry.summary,
      content_html: entry.contentHtml,
      date_published: entry.published,
      date_modified: entry.updated,
      authors: [{ name: entry.author.name, url: entry.author.url }],
      tags: entry.tags.map((tag) => tag.name),
    })),
  };
  // The generator drops an empty items array, which the format requires (a new site has no posts yet).
  const generated = generateJsonFeed(feed) as { items?: unknown[] };
  return JSON.stringify({ ...generated, items: generated.items ?? [] }, null, 2);
}

/**
 * The feed as RSS 2.0, Atom 1.0 or JSON Feed 1.1 text. Updated is the newest entry's last change (or
 * the epoch for an empty feed, so the output depends only on the input). Pure: no I/O.
 */
export function renderFeedDocument(input: FeedDocumentInput, format: FeedFormat): string {
  if (format === "json") return jsonFeed(input);
  const newest = input.entries.reduce((latest, entry) => Math.max(latest, entry.updated.getTime()), 0);
  const feed = new Feed({
    id: input.pageUrl,
    title: input.title,
    description: input.description,
    link: input.pageUrl,
    language: input.language,
    updated: new Date(newest),
    generator: "Quire",
    ...(input.icon ? { image: input.icon } : {}),
    ...(input.favicon ? { favicon: input.favicon } : {}),
    feedLinks: { rss: input.feedUrls.rss, atom: input.feedUrls.atom, json: input.feedUrls.json },
  });
  for (const entry of input.entries) feed.addItem(toItem(entry, format));
  if (format === "atom") return feed.atom1();
  return feed.rss2();
}
