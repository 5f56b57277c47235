import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { PostList } from "@/components/posts/post-list";
import { Pagination } from "@/components/ui/pagination";
import { pageMetadata } from "@/lib/metadata";
import { homePagePath } from "@/lib/paths";
import { listPublishedPosts } from "@/lib/posts";

interface Props {
  params: Promise<{ page: string }>;
}

/** "2" → 2; anything that is not a canonical positive integer → null. */
function parsePage(raw: string): number | null {
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null;
}

export function generateStaticParams() {
  return [{ page: "2" }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = parsePage((await params).page);
  return pageMetadata({ title: page ? `Page ${page}` : "Not found", path: homePagePath(page ?? 1) });
}

export default async function HomePageN({ params }: Props) {
  const page = parsePage((await params).page);
  if (page === null) notFound();
  if (page === 1) permanentRedirect("/");
  const list = await listPublishedPosts(page);
  if (page > list.totalPages) notFound();
  return (
    <>
      <h1 className="mb-8 text-2xl font-bold tracking-tight">
        All posts <span className="font-normal text-zinc-500">· page {page}</span>
      </h1>
      <PostList posts={list.posts} />
      <Pagination page={page} totalPages={list.totalPages} hrefFor={homePagePath} />
    </>
  );
}
