import "server-only";
import type { Metadata } from "next";
import { getSiteSettings } from "@/lib/site";
import { absoluteUrl } from "@/lib/urls";

export interface PageMetadataInput {
  /** Page title without the site name; omit for the home page. */
  title?: string;
  description?: string;
  path: string;
  type?: "website" | "article";
  publishedTime?: Date;
  modifiedTime?: Date;
  authors?: string[];
}

/** Title, description, canonical URL and social cards for a public page, all from SITE_URL. */
export async function pageMetadata(input: PageMetadataInput): Promise<Metadata> {
  const site = await getSiteSettings();
  const title = input.title ? `${input.title} — ${site.title}` : site.title;
  const description = input.description || site.description;
  const url = absoluteUrl(input.path);
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: {
      title: input.title ?? site.title,
      description,
      url,
      siteName: site.title,
      type: input.type ?? "website",
      ...(input.type === "article"
        ? {
            publishedTime: input.publishedTime?.toISOString(),
            modifiedTime: input.modifiedTime?.toISOString(),
            authors: input.authors,
          }
        : {}),
    },
    twitter: { card: "summary", title: input.title ?? site.title, description },
  };
}
