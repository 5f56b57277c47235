import "server-only";
import type { Metadata } from "next";
import { feedPath, type FeedScope } from "@/lib/paths";
import { getSiteSettings } from "@/lib/site";
import { twitterSite } from "@/lib/site/social";
import { listSocialImage } from "@/lib/social-image";
import { absoluteUrl } from "@/lib/urls";

export interface PageMetadataInput {
  /** Page title without the site name (the (site) layout's template adds it); omit for the home page. */
  title?: string;
  description?: string;
  path: string;
  /** Absolute URL of the original when it is not this page (a post's canonical URL setting); else the page's own URL. */
  canonical?: string;
  /** Title and description for social cards when they differ from the page's (a post's social settings). */
  socialTitle?: string;
  socialDescription?: string;
  type?: "website" | "article" | "profile";
  publishedTime?: Date;
  modifiedTime?: Date;
  authors?: string[];
  tags?: string[];
  /**
   * Social card image: absolute URL (feature image or generated card) with its alt text. Without one,
   * the site's default social image, else the generated card of the page's feed scope (home, tag, author).
   */
  image?: { url: string; alt: string; width?: number; height?: number };
  /** Feeds to advertise with <link rel="alternate">; the site's feeds are always listed. */
  feeds?: { scope: FeedScope; title: string };
  /** For pages that must not be indexed but whose links may be followed (search results). */
  noindex?: boolean;
}

/** Title, description, canonical URL, feed links, icons and social cards for a public page, all from SITE_URL. */
export async function pageMetadata(input: PageMetadataInput): Promise<Metadata> {
  const site = await getSiteSettings();
  const description = input.description || site.description;
  const url = absoluteUrl(input.path);
  const socialTitle = input.socialTitle || (input.title ?? site.title);
  const socialDescription = input.socialDescription || description;
  const image = input.image ?? { ...listSocialImage(input.feeds?.scope ?? { kind: "site" }, site), alt: socialTitle };
  const images = [{ url: image.url, alt: image.alt, width: image.width, height: image.height }];
  const twitterHandle = twitterSite(site.social);
  return {
    ...(input.title ? { title: input.title } : { title: { absolute: site.title } }),
    description,
    alternates: { canonical: input.canonical || url, types: feedLinks(site.title, input.feeds) },
    ...(input.noindex ? { robots: { index: false, follow: true } } : {}),
    openGraph: {
      title: socialTitle,
      description: socialDescription,
      url,
      siteName: site.title,
      locale: "en_US",
      type: input.type ?? "website",
      images,
      ...(input.type === "article"
        ? {
            publishedTime: input.publishedTime?.toISOString(),
            modifiedTime: input.modifiedTime?.toISOString(),
            authors: input.authors,
            tags: input.tags,
          }
        : {}),
    },
    twitter: { card: "summary_large_image", title: socialTitle, description: socialDescription, images, ...(twitterHandle ? { site: twitterHandle } : {}) },
  };
}

type FeedLink = { url: string; title: string };

function feedLinks(siteTitle: string, extra: PageMetadataInput["feeds"]): Record<string, FeedLink[]> {
  const scopes: { scope: FeedScope; title: string }[] = [{ scope: { kind: "site" }, title: siteTitle }, ...(extra ? [extra] : [])];
  const links = (format: "rss" | "atom" | "json") => scopes.map(({ scope, title }) => ({ url: absoluteUrl(feedPath(scope, format)), title }));
  return { "application/rss+xml": links("rss"), "application/atom+xml": links("atom"), "application/feed+json": links("json") };
}
