import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { notFoundMetadata, tagPageMetadata } from "@/lib/archives";
import { parsePageParam } from "@/lib/page-param";
import { tagPath } from "@/lib/paths";
import { getPublicTag, listPopularTags } from "@/lib/tags";
import { TagArchive } from "../../_components/tag-archive";

interface Props {
  params: Promise<{ slug: string; page: string }>;
}

export async function generateStaticParams() {
  const [tag] = await listPopularTags(1);
  return [{ slug: tag?.slug ?? "welcome", page: "2" }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, page: raw } = await params;
  const page = parsePageParam(raw);
  const tag = page ? await getPublicTag(slug) : null;
  return tag && page ? tagPageMetadata(tag, page) : notFoundMetadata;
}

export default async function TagPageN({ params }: Props) {
  const { slug, page: raw } = await params;
  const page = parsePageParam(raw);
  if (page === null) notFound();
  if (page === 1) permanentRedirect(tagPath(slug));
  return <TagArchive slug={slug} page={page} />;
}
