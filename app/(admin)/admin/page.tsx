import type { Metadata } from "next";
import { PostTable } from "./_components/post-table";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth";
import { listPostsForAdmin } from "@/lib/posts";
import { createPostAction } from "./posts/actions";
import { scheduleTimeZone } from "@/lib/posts/schedule";

export const metadata: Metadata = { title: "Posts" };

export default async function AdminPostsPage() {
  const actor = await requireUser();
  const posts = await listPostsForAdmin(actor);
  return (
    <>
      <div className="mb-6 flex items-center justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Posts</h1>
        <form action={createPostAction}>
          <Button type="submit" variant="primary">
            New post
          </Button>
        </form>
      </div>
      <PostTable posts={posts} timeZone={await scheduleTimeZone()} />
    </>
  );
}
