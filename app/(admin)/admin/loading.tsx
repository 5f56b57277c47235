import { PostTable } from "./_components/post-table";

export default function AdminLoading() {
  return (
    <>
      <div className="mb-6 h-9 w-32 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <PostTable.Skeleton />
    </>
  );
}
