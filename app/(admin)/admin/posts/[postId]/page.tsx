import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PostEditor } from "@/components/editor/post-editor";
import { FeatureImageField } from "@/components/editor/feature-image-field";
import { PostSettingsPanel } from "@/components/editor/post-settings-panel";
import { requireUser } from "@/lib/auth";
import { getEditablePost } from "@/lib/posts";
import { listTagNames } from "@/lib/tags";
import { listMediaForAdmin } from "@/lib/media/media";
import { postPath } from "@/lib/paths";
import { getPostSettings } from "@/lib/posts/settings";
import { getSiteSettings, getSiteTimezone } from "@/lib/site";
import { absoluteUrl } from "@/lib/urls";
import { deletePostAction, publishPostAction, savePostAction, unpublishPostAction } from "../actions";
import { setFeatureImageAction } from "../../media/actions";
import { savePostSettingsAction } from "../settings-actions";
import { PublishingPanels } from "./publishing-panels";

export const metadata: Metadata = { title: "Edit post" };

interface Props {
  params: Promise<{ postId: string }>;
}

export default async function EditPostPage({ params }: Props) {
  const [{ postId }, actor] = await Promise.all([params, requireUser()]);
  const [post, tagSuggestions, settings, library, site, timeZone] = await Promise.all([
    getEditablePost(actor, postId),
    listTagNames(actor),
    getPostSettings(actor, postId),
    listMediaForAdmin(actor),
    getSiteSettings(),
    getSiteTimezone(),
  ]);
  // A post the actor may not edit looks exactly like one that does not exist.
  if (!post || !settings) notFound();
  return (
    <PostEditor
      key={post.id}
      post={post}
      tagSuggestions={tagSuggestions}
      save={savePostAction}
      publish={publishPostAction}
      unpublish={unpublishPostAction}
      remove={deletePostAction}
      settings={
        <>
          <FeatureImageField postId={post.id} initial={post.featureImage} save={setFeatureImageAction} />
          <PostSettingsPanel
            postId={post.id}
            initial={settings}
            fallback={{ title: post.title, excerpt: post.customExcerpt, featureImage: post.featureImage?.src ?? null }}
            siteTitle={site.title}
            postUrl={absoluteUrl(postPath(post.slug))}
            timeZone={timeZone}
            canBackdate={post.canPublish}
            library={library.map((item) => ({ src: item.src, thumbnailSrc: item.thumbnailSrc, alt: item.alt, name: item.originalName }))}
            save={savePostSettingsAction}
          />
          <PublishingPanels actor={actor} post={post} />
        </>
      }
    />
  );
}
