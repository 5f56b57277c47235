import "server-only";
import type { Metadata } from "next";
import { feedPath, type FeedScope } from "@/lib/paths";
import { getSiteSettings } from "@/lib/site";
import { absoluteUrl } from "@/lib/urls";

export interface PageMetadataInput {
  /** Page title without the site name (the (site) layout's template adds it); omit for the home page. */
  title?: string;
  description?: string;
  path: string;
  type?: "website" | "article" | "profile";
  publishedTime?: Date;
  modifiedTime?: Date;
  authors?: string[];
  tags?: string[];
  /** Social card image: absolute URL (feature image or generated card) with its alt text. */
  image?: { url: string; alt: string; width?: number; height?: number };
  /** Feeds to advertise with <link rel="alternate">; the site's feeds are always listed. */
  feeds?: { scope: FeedScope; title: string };
  /** For pages that must not be indexed but whose links may be followed (search results). */
  noindex?: boolean;
}

/** Title, description, canonical URL, feed links and social cards for a public page, all from SITE_URL. */
export async function pageMetadata(input: PageMetadataInput): Promise<Metadata> {
  const site = await getSiteSettings();
  const description = input.description || site.description;
  const url = absoluteUrl(input.path);
  const socialTitle = input.title ?? site.title;
  const images = input.image ? [{ url: input.image.url, alt: input.image.alt, width: input.image.width, height: input.image.height }] : undefined;
  return {
    ...(input.title ? { title: input.title } : { title: { absolute: site.title } }),
    description,
    alternates: { canonical: url, types: feedLinks(site.title, input.feeds) },
    ...(input.noindex ? { robots: { index: false, follow: true } } : {}),
    openGraph: {
      title: socialTitle,
      description,
      url,
      siteName: site.title,
      locale: "en_US",
      type: input.type ?? "website",
      ...(images ? { images } : {}),
      ...(input.type === "article"
        ? {
            publishedTime: input.publishedTime?.toISOString(),
            modifiedTime: input.modifiedTime?.toISOString(),
            authors: input.authors,
            tags: input.tags,
          }
        : {}),
    },
    twitter: { card: images ? "summary_large_image" : "summary", title: socialTitle, description, ...(images ? { images } : {}) },
  };
}

type FeedLink = { url: string; title: string };

function feedLinks(siteTitle: string, extra: PageMetadataInput["feeds"]): Record<string, FeedLink[]> {
  const scopes: { scope: FeedScope; title: string }[] = [{ scope: { kind: "site" }, title: siteTitle }, ...(extra ? [extra] : [])];
  const links = (format: "rss" | "atom" | "json") => scopes.map(({ scope, title }) => ({ url: absoluteUrl(feedPath(scope, format)), title }));
  return { "application/rss+xml": links("rss"), "application/atom+xml": links("atom"), "application/feed+json": links("json") };
}
