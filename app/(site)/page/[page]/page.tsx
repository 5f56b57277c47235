import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { PostList } from "@/components/posts/post-list";
import { Pagination } from "@/components/ui/pagination";
import { notFoundMetadata } from "@/lib/archives";
import { pageMetadata } from "@/lib/metadata";
import { parsePageParam } from "@/lib/page-param";
import { homePagePath } from "@/lib/paths";
import { listPublishedPosts } from "@/lib/posts";

interface Props {
  params: Promise<{ page: string }>;
}

export function generateStaticParams() {
  return [{ page: "2" }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = parsePageParam((await params).page);
  return page ? pageMetadata({ title: `All posts — page ${page}`, path: homePagePath(page) }) : notFoundMetadata;
}

export default async function HomePageN({ params }: Props) {
  const page = parsePageParam((await params).page);
  if (page === null) notFound();
  if (page === 1) permanentRedirect(homePagePath(1));
  const list = await listPublishedPosts(page);
  if (page > list.totalPages) notFound();
  return (
    <>
      <h1 className="mb-8 text-2xl font-bold tracking-tight">
        All posts <span className="font-normal text-zinc-500 dark:text-zinc-400">· page {page}</span>
      </h1>
      <PostList posts={list.posts} />
      <Pagination page={page} totalPages={list.totalPages} hrefFor={homePagePath} />
    </>
  );
}
