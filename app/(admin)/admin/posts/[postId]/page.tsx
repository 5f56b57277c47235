import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PostEditor } from "@/components/editor/post-editor";
import { FeatureImageField } from "@/components/editor/feature-image-field";
import { requireUser } from "@/lib/auth";
import { getEditablePost } from "@/lib/posts";
import { listTagNames } from "@/lib/tags";
import { deletePostAction, publishPostAction, savePostAction, unpublishPostAction } from "../actions";
import { setFeatureImageAction } from "../../media/actions";
import { PublishingPanels } from "./publishing-panels";

export const metadata: Metadata = { title: "Edit post" };

interface Props {
  params: Promise<{ postId: string }>;
}

export default async function EditPostPage({ params }: Props) {
  const [{ postId }, actor] = await Promise.all([params, requireUser()]);
  const [post, tagSuggestions] = await Promise.all([getEditablePost(actor, postId), listTagNames(actor)]);
  // A post the actor may not edit looks exactly like one that does not exist.
  if (!post) notFound();
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
          <PublishingPanels actor={actor} post={post} />
        </>
      }
    />
  );
}
