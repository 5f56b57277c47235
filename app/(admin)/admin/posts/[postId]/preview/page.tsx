import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PostArticle } from "@/components/posts/post-article";
import { PreviewNotice } from "@/components/posts/preview-notice";
import { requireUser } from "@/lib/auth";
import { editPostPath } from "@/lib/paths";
import { getPreviewForStaff } from "@/lib/preview/links";
import { scheduleTimeZone } from "@/lib/posts/schedule";

interface Props {
  params: Promise<{ postId: string }>;
}

const previewOf = cache(async (postId: string) => getPreviewForStaff(await requireUser(), postId));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const post = await previewOf((await params).postId);
  return { title: post ? `Preview: ${post.title}` : "Not found", robots: { index: false, follow: false } };
}

/** The post as saved, rendered by the reader page's own components, for staff who may edit it. */
export default async function StaffPreviewPage({ params }: Props) {
  const post = await previewOf((await params).postId);
  // A post the actor may not edit looks exactly like one that does not exist.
  if (!post) notFound();
  return (
    <div className="mx-auto w-full max-w-3xl py-4">
      <PreviewNotice status={post.status} scheduledAt={post.scheduledAt} timeZone={await scheduleTimeZone()} editHref={editPostPath(post.id)} />
      <PostArticle post={post} />
    </div>
  );
}
