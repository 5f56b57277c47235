import type { Metadata } from "next";
import { authorPageMetadata, notFoundMetadata } from "@/lib/archives";
import { getPublicAuthor, listPublicAuthorSlugs } from "@/lib/users";
import { AuthorArchive } from "./_components/author-archive";

interface Props {
  params: Promise<{ slug: string }>;
}

// Listed params make the route static and are rendered at build time (one at least, so that an empty
// database still builds one); other authors render on first request and are then served from the cache
// like these.
export async function generateStaticParams() {
  const slugs = await listPublicAuthorSlugs(20);
  return slugs.length > 0 ? slugs.map((slug) => ({ slug })) : [{ slug: "welcome" }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const author = await getPublicAuthor((await params).slug);
  return author ? authorPageMetadata(author, 1) : notFoundMetadata;
}

export default async function AuthorPage({ params }: Props) {
  return <AuthorArchive slug={(await params).slug} page={1} />;
}
