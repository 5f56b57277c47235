import Link from "next/link";
import type { AdminTagRow } from "@/lib/tags";

const countLabel = (count: number) => (count === 1 ? "1 post" : `${count} posts`);

export function TagTable({ tags }: { tags: AdminTagRow[] }) {
  if (tags.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 p-10 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        No tags yet. Tags are created when you add them to a post.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Tags</caption>
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">Name</th>
            <th scope="col" className="hidden px-4 py-3 font-medium sm:table-cell">Slug</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">Posts</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {tags.map((tag) => (
            <tr key={tag.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
              <td className="px-4 py-3">
                <Link href={`/admin/tags/${tag.id}`} className="font-medium hover:text-indigo-700 hover:underline dark:hover:text-indigo-300">
                  {tag.name}
                </Link>
                {tag.description && <p className="mt-0.5 line-clamp-1 text-zinc-600 dark:text-zinc-400">{tag.description}</p>}
              </td>
              <td className="hidden px-4 py-3 font-mono text-xs text-zinc-600 sm:table-cell dark:text-zinc-400">{tag.slug}</td>
              <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums text-zinc-600 dark:text-zinc-400">{countLabel(tag.postCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

TagTable.Skeleton = function TagTableSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading tags" className="overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      {Array.from({ length: 6 }, (_, row) => (
        <div key={row} className="flex items-center gap-4 border-b border-zinc-100 px-4 py-3.5 last:border-0 dark:border-zinc-800">
          <div className="h-4 flex-1 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
          <div className="h-4 w-16 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
        </div>
      ))}
    </div>
  );
};
