import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { PostArticle } from "@/components/posts/post-article";
import { PreviewNotice } from "@/components/posts/preview-notice";
import { getPreviewByToken } from "@/lib/preview/links";
import { scheduleTimeZone } from "@/lib/posts/schedule";

interface Props {
  params: Promise<{ token: string }>;
}

// The page and its metadata read the link once per request.
const previewOf = cache((token: string) => getPreviewByToken(token));

// Rendered for every request and never cached: the post is unpublished, and a revoked link must stop
// working at once. scripts/server.mjs answers it `Cache-Control: private, no-store` and `X-Robots-Tag:
// noindex` (lib/http/secure-response.ts). It blocks rather than streams, so a dead link gets a real 404.

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const post = await previewOf((await params).token);
  return { title: post ? `Preview: ${post.title}` : "Not found", robots: { index: false, follow: false } };
}

export default async function SecretPreviewPage({ params }: Props) {
  await connection();
  const post = await previewOf((await params).token);
  if (!post) notFound();
  return (
    <>
      <PreviewNotice status={post.status} scheduledAt={post.scheduledAt} timeZone={await scheduleTimeZone()} />
      <PostArticle post={post} />
    </>
  );
}
