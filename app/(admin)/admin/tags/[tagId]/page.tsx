import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TagForm } from "../../_components/tag-form";
import { requireUser } from "@/lib/auth";
import { getEditableTag } from "@/lib/tags";
import { deleteTagAction, updateTagAction } from "../actions";

export const metadata: Metadata = { title: "Edit tag" };

interface Props {
  params: Promise<{ tagId: string }>;
}

export default async function EditTagPage({ params }: Props) {
  const [{ tagId }, actor] = await Promise.all([params, requireUser()]);
  const tag = await getEditableTag(actor, tagId);
  if (!tag) notFound();
  return (
    <div className="mx-auto max-w-2xl">
      <p>
        <Link href="/admin/tags" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
          ← Tags
        </Link>
      </p>
      <h1 className="mt-3 mb-6 text-2xl font-bold tracking-tight">Edit tag</h1>
      <TagForm key={tag.id} tag={tag} save={updateTagAction} remove={deleteTagAction} />
    </div>
  );
}
