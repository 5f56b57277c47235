import type { Metadata } from "next";
import { notFoundMetadata, tagPageMetadata } from "@/lib/archives";
import { getPublicTag, listPopularTags } from "@/lib/tags";
import { TagArchive } from "./_components/tag-archive";

interface Props {
  params: Promise<{ slug: string }>;
}

// Listed params make the route static and are rendered at build time (one at least, so that an empty
// database still builds one); other tags render on first request and are then served from the cache
// like these.
export async function generateStaticParams() {
  const tags = await listPopularTags(20);
  return tags.length > 0 ? tags.map((tag) => ({ slug: tag.slug })) : [{ slug: "welcome" }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tag = await getPublicTag((await params).slug);
  return tag ? tagPageMetadata(tag, 1) : notFoundMetadata;
}

export default async function TagPage({ params }: Props) {
  return <TagArchive slug={(await params).slug} page={1} />;
}
