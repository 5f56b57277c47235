import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TagTable } from "../_components/tag-table";
import { requireUser } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { listTagsForAdmin } from "@/lib/tags";

export const metadata: Metadata = { title: "Tags" };

export default async function AdminTagsPage() {
  const actor = await requireUser();
  // Tag management is not shown to roles that cannot use it, as in Ghost.
  if (!can(actor, "tag.manage")) notFound();
  const tags = await listTagsForAdmin(actor);
  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-bold tracking-tight">Tags</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Rename, describe or delete tags. New tags are made by adding them to a post.</p>
      </div>
      <TagTable tags={tags} />
    </>
  );
}
