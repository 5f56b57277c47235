import type { Metadata } from "next";
import { PostEditor } from "@/components/editor/post-editor";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { listTagNames } from "@/lib/tags";
import { deletePostAction, publishPostAction, savePostAction, unpublishPostAction } from "../actions";

export const metadata: Metadata = { title: "New post" };

export default async function NewPostPage() {
  const actor = await requireUser();
  const tagSuggestions = await listTagNames();
  return (
    <PostEditor
      post={null}
      canPublish={can(actor, "post.publish", { authorId: actor.id, status: "DRAFT" })}
      tagSuggestions={tagSuggestions}
      save={savePostAction}
      publish={publishPostAction}
      unpublish={unpublishPostAction}
      remove={deletePostAction}
    />
  );
}
