import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { authorPageMetadata, notFoundMetadata } from "@/lib/archives";
import { parsePageParam } from "@/lib/page-param";
import { authorPath } from "@/lib/paths";
import { getPublicAuthor, listPublicAuthorSlugs } from "@/lib/users";
import { AuthorArchive } from "../../_components/author-archive";

interface Props {
  params: Promise<{ slug: string; page: string }>;
}

export async function generateStaticParams() {
  const [slug] = await listPublicAuthorSlugs(1);
  return [{ slug: slug ?? "welcome", page: "2" }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, page: raw } = await params;
  const page = parsePageParam(raw);
  const author = page ? await getPublicAuthor(slug) : null;
  return author && page ? authorPageMetadata(author, page) : notFoundMetadata;
}

export default async function AuthorPageN({ params }: Props) {
  const { slug, page: raw } = await params;
  const page = parsePageParam(raw);
  if (page === null) notFound();
  if (page === 1) permanentRedirect(authorPath(slug));
  return <AuthorArchive slug={slug} page={page} />;
}
