import type { Metadata } from "next";
import Link from "next/link";
import { PostTable } from "@/components/admin/post-table";
import { requireUser } from "@/lib/auth";
import { listPostsForAdmin } from "@/lib/posts";

export const metadata: Metadata = { title: "Posts" };

export default async function AdminPostsPage() {
  const actor = await requireUser();
  const posts = await listPostsForAdmin(actor);
  return (
    <>
      <div className="mb-6 flex items-center justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Posts</h1>
        <Link href="/admin/posts/new" className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500 dark:bg-indigo-500 dark:hover:bg-indigo-400">
          New post
        </Link>
      </div>
      <PostTable posts={posts} />
    </>
  );
}
