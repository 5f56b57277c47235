import "server-only";
import { socialLinks, type SocialAccounts } from "@/lib/site/social";
import { absoluteUrl } from "@/lib/urls";

/**
 * schema.org JSON-LD for reader pages. Builders take plain DTO fields and return objects for
 * <JsonLd>; every URL is absolute and built from SITE_URL.
 */
export type JsonLdObject = { "@context": "https://schema.org"; "@type": string } & Record<string, unknown>;

export interface SiteInfo {
  title: string;
  description: string;
  /** The site's social accounts: its sameAs. */
  social?: SocialAccounts;
  /** Site path or URL of the logo, for the publisher. */
  logo?: string | null;
}

export interface PersonInfo {
  name: string;
  /** Public path of the author's page, e.g. "/author/ada". */
  path: string;
  bio?: string | null;
  website?: string | null;
}

export interface ArticleInfo {
  title: string;
  description: string;
  path: string;
  /** Absolute URL of the original when the post is a copy (its canonical URL setting); the page is the main entity otherwise. */
  canonical?: string;
  /** Absolute URL of the feature image or the generated social image. */
  image: string;
  publishedAt: Date;
  updatedAt: Date;
  author: PersonInfo;
  keywords: string[];
  wordCount?: number;
}

export interface Crumb {
  name: string;
  path: string;
}

const context = "https://schema.org" as const;

/** The publication as an Organization: name, home page, logo and social profiles. */
function organization(site: SiteInfo) {
  const sameAs = socialLinks(site.social ?? {}).map((link) => link.url);
  return {
    "@type": "Organization",
    name: site.title,
    url: absoluteUrl("/"),
    ...(site.logo ? { logo: { "@type": "ImageObject", url: site.logo.startsWith("/") ? absoluteUrl(site.logo) : site.logo } } : {}),
    ...(sameAs.length > 0 ? { sameAs } : {}),
  };
}

function person(author: PersonInfo) {
  return {
    "@type": "Person",
    name: author.name,
    url: absoluteUrl(author.path),
    ...(author.bio ? { description: author.bio } : {}),
    ...(author.website ? { sameAs: [author.website] } : {}),
  };
}

/** WebSite for the home page, with the search action that search engines can offer. */
export function websiteJsonLd(site: SiteInfo): JsonLdObject {
  return {
    "@context": context,
    "@type": "WebSite",
    name: site.title,
    description: site.description,
    url: absoluteUrl("/"),
    publisher: organization(site),
    ...(site.social && socialLinks(site.social).length > 0 ? { sameAs: socialLinks(site.social).map((link) => link.url) } : {}),
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl("/search")}?q={search_term_string}` },
      "query-input": "required name=search_term_string",
    },
  };
}

/** BlogPosting for a post page. */
export function blogPostingJsonLd(article: ArticleInfo, site: SiteInfo): JsonLdObject {
  const url = absoluteUrl(article.path);
  return {
    "@context": context,
    "@type": "BlogPosting",
    headline: article.title,
    description: article.description,
    url: article.canonical ?? url,
    mainEntityOfPage: { "@type": "WebPage", "@id": article.canonical ?? url },
    image: [article.image],
    datePublished: article.publishedAt.toISOString(),
    dateModified: article.updatedAt.toISOString(),
    author: [person(article.author)],
    publisher: organization(site),
    ...(article.keywords.length > 0 ? { keywords: article.keywords.join(", ") } : {}),
    ...(article.wordCount ? { wordCount: article.wordCount } : {}),
  };
}

/** Person for an author page. */
export function personJsonLd(author: PersonInfo): JsonLdObject {
  return { "@context": context, ...person(author) };
}

/** BreadcrumbList from the home page down to the current page (the home crumb is added here). */
export function breadcrumbJsonLd(site: SiteInfo, trail: Crumb[]): JsonLdObject {
  const crumbs = [{ name: site.title, path: "/" }, ...trail];
  return {
    "@context": context,
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((crumb, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: crumb.name,
      item: absoluteUrl(crumb.path),
    })),
  };
}

/** Serialises JSON-LD for a <script> element: "<" is escaped so no text can close the element. */
export function serializeJsonLd(data: JsonLdObject | JsonLdObject[]): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
