import type { Metadata } from "next";
import { PostList } from "@/components/posts/post-list";
import { JsonLd } from "@/components/seo/json-ld";
import { Pagination } from "@/components/ui/pagination";
import { pageMetadata } from "@/lib/metadata";
import { homePagePath } from "@/lib/paths";
import { listPublishedPosts } from "@/lib/posts";
import { getSiteSettings } from "@/lib/site";
import { websiteJsonLd } from "@/lib/structured-data";

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata({ path: "/" });
}

export default async function HomePage() {
  const [site, { posts, page, totalPages }] = await Promise.all([getSiteSettings(), listPublishedPosts(1)]);
  return (
    <>
      <JsonLd data={websiteJsonLd(site)} />
      <div className="mb-10">
        <h1 className="text-3xl font-bold tracking-tight text-balance sm:text-4xl">{site.title}</h1>
        <p className="mt-3 text-lg text-zinc-600 dark:text-zinc-400">{site.description}</p>
      </div>
      <PostList posts={posts} />
      <Pagination page={page} totalPages={totalPages} hrefFor={homePagePath} />
    </>
  );
}
