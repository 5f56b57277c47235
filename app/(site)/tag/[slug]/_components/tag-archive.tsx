import { notFound } from "next/navigation";
import { ArchivePage } from "@/components/archives/archive-page";
import { tagTrail } from "@/lib/archives";
import { feedPath, tagPath } from "@/lib/paths";
import { listPublishedPostsByTag } from "@/lib/posts";
import { getSiteSettings } from "@/lib/site";
import { breadcrumbJsonLd } from "@/lib/structured-data";
import { getPublicTag } from "@/lib/tags";

export interface TagArchiveProps {
  slug: string;
  page: number;
}

/** Page `page` of a tag's archive; a 404 for a tag without published posts or a page past the end. */
export async function TagArchive({ slug, page }: TagArchiveProps) {
  const [tag, list, site] = await Promise.all([getPublicTag(slug), listPublishedPostsByTag(slug, page), getSiteSettings()]);
  if (!tag || page > list.totalPages) notFound();
  const trail = tagTrail(tag, page);
  return (
    <ArchivePage
      kind="Tag"
      name={tag.name}
      description={tag.description}
      postCount={tag.postCount}
      feedHref={feedPath({ kind: "tag", slug: tag.slug }, "rss")}
      list={list}
      trail={trail}
      hrefFor={(n) => tagPath(tag.slug, n)}
      jsonLd={[breadcrumbJsonLd(site, trail)]}
    />
  );
}
