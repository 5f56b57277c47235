import "server-only";
import type { Metadata } from "next";
import { pageMetadata } from "@/lib/metadata";
import { authorPath, tagPath } from "@/lib/paths";
import type { Crumb } from "@/lib/structured-data";
import type { PublicTag } from "@/lib/tags";
import type { PublicAuthor } from "@/lib/users";

/**
 * What tag and author archive pages say about themselves: titles, descriptions and breadcrumb trails,
 * in one place so that page 1 and later pages, metadata, structured data and visible crumbs agree.
 */

/** Breadcrumb trail below the home page for a tag archive page (the home crumb is added by the renderers). */
export function tagTrail(tag: Pick<PublicTag, "name" | "slug">, page: number): Crumb[] {
  return withPage([{ name: tag.name, path: tagPath(tag.slug) }], page, (n) => tagPath(tag.slug, n));
}

/** Breadcrumb trail below the home page for an author archive page. */
export function authorTrail(author: Pick<PublicAuthor, "name" | "slug">, page: number): Crumb[] {
  return withPage([{ name: author.name, path: authorPath(author.slug) }], page, (n) => authorPath(author.slug, n));
}

function withPage(trail: Crumb[], page: number, pathFor: (page: number) => string): Crumb[] {
  return page > 1 ? [...trail, { name: `Page ${page}`, path: pathFor(page) }] : trail;
}

const pageSuffix = (page: number) => (page > 1 ? ` — page ${page}` : "");

/** Metadata for page `page` of a tag's archive, advertising the tag's own feeds. */
export function tagPageMetadata(tag: PublicTag, page: number): Promise<Metadata> {
  return pageMetadata({
    title: `${tag.name}${pageSuffix(page)}`,
    description: tag.description || `Posts tagged “${tag.name}”.`,
    path: tagPath(tag.slug, page),
    feeds: { scope: { kind: "tag", slug: tag.slug }, title: `Posts tagged “${tag.name}”` },
  });
}

/** Metadata for page `page` of an author's archive, advertising the author's own feeds. */
export function authorPageMetadata(author: PublicAuthor, page: number): Promise<Metadata> {
  return pageMetadata({
    title: `${author.name}${pageSuffix(page)}`,
    description: author.bio || `Posts by ${author.name}.`,
    path: authorPath(author.slug, page),
    type: "profile",
    feeds: { scope: { kind: "author", slug: author.slug }, title: `Posts by ${author.name}` },
  });
}

/** Metadata for a page that called notFound(): never indexed. */
export const notFoundMetadata: Metadata = { title: "Not found", robots: { index: false } };
