import { ArchiveHeader, type ArchiveHeaderProps } from "@/components/archives/archive-header";
import { PostList } from "@/components/posts/post-list";
import { JsonLd } from "@/components/seo/json-ld";
import { Pagination } from "@/components/ui/pagination";
import type { PostPage } from "@/lib/posts";
import type { Crumb, JsonLdObject } from "@/lib/structured-data";

export interface ArchivePageProps extends Omit<ArchiveHeaderProps, "breadcrumbs" | "page"> {
  list: PostPage;
  /** Trail below the home page, as the page's BreadcrumbList describes it. */
  trail: Crumb[];
  hrefFor: (page: number) => string;
  jsonLd: JsonLdObject[];
}

/** A tag or author archive page: header, one page of posts and the links to the other pages. */
export function ArchivePage({ list, trail, hrefFor, jsonLd, ...header }: ArchivePageProps) {
  const breadcrumbs = [{ name: "Home", href: "/" }, ...trail.map((crumb) => ({ name: crumb.name, href: crumb.path }))];
  return (
    <>
      <JsonLd data={jsonLd} />
      <ArchiveHeader {...header} page={list.page} breadcrumbs={breadcrumbs} />
      <PostList posts={list.posts} />
      <Pagination page={list.page} totalPages={list.totalPages} hrefFor={hrefFor} />
    </>
  );
}
