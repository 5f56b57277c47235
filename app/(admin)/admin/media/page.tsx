import type { Metadata } from "next";
import { MediaLibrary } from "@/components/admin/media-library";
import { requireUser } from "@/lib/auth";
import { listMediaForAdmin } from "@/lib/media/media";
import { MediaSearchInput } from "@/lib/validations/media";
import { deleteMediaAction, updateMediaAltAction } from "./actions";

export const metadata: Metadata = { title: "Media" };

interface Props {
  searchParams: Promise<{ q?: string | string[] }>;
}

export default async function AdminMediaPage({ searchParams }: Props) {
  const [{ q }, actor] = await Promise.all([searchParams, requireUser()]);
  const query = MediaSearchInput.parse(Array.isArray(q) ? q[0] : q);
  const items = await listMediaForAdmin(actor, query);
  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-bold tracking-tight">Media</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Images uploaded to this site, newest first. A file used by a post cannot be deleted; the alt text here is used wherever a post shows the image without its own.
        </p>
      </div>
      <MediaLibrary key={query} items={items} query={query} updateAlt={updateMediaAltAction} remove={deleteMediaAction} />
    </>
  );
}
