import Link from "next/link";
import type { AdminPostRow } from "@/lib/posts";
import { editPostPath } from "@/lib/paths";
import { StatusBadge } from "@/components/posts/status-badge";
import { formatInZone } from "@/lib/posts/schedule-time";

const formatter = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export interface PostTableProps {
  posts: AdminPostRow[];
  /** The site's time zone, which scheduled times are shown in. */
  timeZone: string;
}

export function PostTable({ posts, timeZone }: PostTableProps) {
  if (posts.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 p-10 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">No posts yet. Write your first one.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Posts</caption>
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">Title</th>
            <th scope="col" className="px-4 py-3 font-medium">Status</th>
            <th scope="col" className="hidden px-4 py-3 font-medium sm:table-cell">Author</th>
            <th scope="col" className="hidden px-4 py-3 font-medium md:table-cell">Updated (UTC)</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {posts.map((post) => (
            <tr key={post.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
              <td className="px-4 py-3">
                <Link href={editPostPath(post.id)} className="font-medium hover:text-indigo-700 hover:underline dark:hover:text-indigo-300">
                  {post.title || "(Untitled)"}
                </Link>
              </td>
              <td className="px-4 py-3">
                <StatusBadge status={post.status} />
                {post.status === "SCHEDULED" && post.scheduledAt && (
                  <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400">
                    <time dateTime={post.scheduledAt.toISOString()}>{formatInZone(post.scheduledAt, timeZone)}</time>
                  </span>
                )}
              </td>
              <td className="hidden px-4 py-3 text-zinc-600 sm:table-cell dark:text-zinc-400">{post.authorName}</td>
              <td className="hidden px-4 py-3 text-zinc-600 md:table-cell dark:text-zinc-400">
                <time dateTime={post.updatedAt.toISOString()}>{formatter.format(post.updatedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

PostTable.Skeleton = function PostTableSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading posts" className="overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      {Array.from({ length: 6 }, (_, row) => (
        <div key={row} className="flex items-center gap-4 border-b border-zinc-100 px-4 py-3.5 last:border-0 dark:border-zinc-800">
          <div className="h-4 flex-1 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
          <div className="h-4 w-16 animate-pulse rounded-full bg-zinc-200 dark:bg-zinc-800" />
        </div>
      ))}
    </div>
  );
};
