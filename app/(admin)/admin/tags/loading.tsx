import { TagTable } from "../_components/tag-table";

export default function AdminTagsLoading() {
  return (
    <>
      <div className="mb-6 h-9 w-32 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <TagTable.Skeleton />
    </>
  );
}
