import { notFound } from "next/navigation";
import { ArchivePage } from "@/components/archives/archive-page";
import { authorTrail } from "@/lib/archives";
import { authorPath, feedPath } from "@/lib/paths";
import { listPublishedPostsByAuthor } from "@/lib/posts";
import { getSiteSettings } from "@/lib/site";
import { breadcrumbJsonLd, personJsonLd } from "@/lib/structured-data";
import { getPublicAuthor } from "@/lib/users";

export interface AuthorArchiveProps {
  slug: string;
  page: number;
}

/** Page `page` of an author's archive; a 404 for an author without published posts or a page past the end. */
export async function AuthorArchive({ slug, page }: AuthorArchiveProps) {
  const [author, list, site] = await Promise.all([getPublicAuthor(slug), listPublishedPostsByAuthor(slug, page), getSiteSettings()]);
  if (!author || page > list.totalPages) notFound();
  const trail = authorTrail(author, page);
  return (
    <ArchivePage
      kind="Author"
      name={author.name}
      description={author.bio}
      postCount={author.postCount}
      website={author.website}
      imageSrc={author.avatarSrc}
      feedHref={feedPath({ kind: "author", slug: author.slug }, "rss")}
      list={list}
      trail={trail}
      hrefFor={(n) => authorPath(author.slug, n)}
      jsonLd={[personJsonLd({ ...author, path: authorPath(author.slug) }), breadcrumbJsonLd(site, trail)]}
    />
  );
}
