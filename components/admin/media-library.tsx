"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { MediaItem, MediaLibraryItem } from "@/lib/media/media";
import { formatBytes } from "@/lib/media/variants";
import { Button } from "@/components/ui/button";
import { uploadFile } from "@/components/editor/image-upload";

export interface MediaLibraryProps {
  items: MediaLibraryItem[];
  query: string;
  updateAlt: (input: unknown) => Promise<ActionResult<MediaItem>>;
  remove: (input: unknown) => Promise<ActionResult>;
}

const UNREACHABLE = "Could not reach the server; nothing was changed. Try again in a moment.";

const fieldClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900";

/** The media library: search, upload, and one card per file with its uses, alt text and deletion. */
export function MediaLibrary({ items, query, updateAlt, remove }: MediaLibraryProps) {
  const id = useId();
  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <form role="search" action="/admin/media" className="flex w-full max-w-md items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor={`${id}-q`} className="block text-sm font-medium">
              Search media
            </label>
            <input id={`${id}-q`} name="q" type="search" defaultValue={query} placeholder="File name or alt text" className={fieldClass} />
          </div>
          <Button type="submit">Search</Button>
        </form>
        <LibraryUpload />
      </div>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-10 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          {query ? `No files match "${query}".` : "No files yet. Upload images here, or paste or drop them into a post."}
        </p>
      ) : (
        <ul aria-label="Media files" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {items.map((item) => (
            <MediaCard key={item.id} item={item} updateAlt={updateAlt} remove={remove} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** Uploads from the library itself, then shows the new files. */
function LibraryUpload() {
  const input = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const [status, setStatus] = useState<{ busy: boolean; errors: string[] }>({ busy: false, errors: [] });
  const onFiles = async (files: File[]) => {
    if (files.length === 0) return;
    setStatus({ busy: true, errors: [] });
    const errors: string[] = [];
    for (const file of files) {
      const result = await uploadFile(file, () => undefined);
      if (!result.ok) errors.push(`${file.name} was not uploaded. ${result.error}`);
    }
    setStatus({ busy: false, errors });
    router.refresh();
  };
  return (
    <div className="space-y-2 sm:text-right">
      <Button variant="primary" onClick={() => input.current?.click()} disabled={status.busy}>
        {status.busy ? "Uploading…" : "Upload images"}
      </Button>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
        multiple
        hidden
        aria-label="Images to upload"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = "";
          void onFiles(files);
        }}
      />
      {status.errors.map((error) => (
        <p key={error} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ))}
    </div>
  );
}

interface MediaCardProps {
  item: MediaLibraryItem;
  updateAlt: MediaLibraryProps["updateAlt"];
  remove: MediaLibraryProps["remove"];
}

function MediaCard({ item, updateAlt, remove }: MediaCardProps) {
  const id = useId();
  const router = useRouter();
  const [alt, setAlt] = useState(item.alt);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const uses = item.usedBy.length + item.otherUses;

  const onSaveAlt = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await updateAlt({ id: item.id, alt }).catch(() => null);
      if (!result?.ok) return setMessage({ kind: "error", text: result?.error ?? UNREACHABLE });
      setAlt(result.data.alt);
      setMessage({ kind: "success", text: "Alt text saved." });
    });
  };

  const onDelete = () => {
    if (!window.confirm(`Delete "${item.originalName}" permanently?`)) return;
    startTransition(async () => {
      const result = await remove({ id: item.id }).catch(() => null);
      if (!result?.ok) return setMessage({ kind: "error", text: result?.error ?? UNREACHABLE });
      router.refresh();
    });
  };

  return (
    <li aria-labelledby={`${id}-name`} className="flex flex-col overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <a href={item.src} target="_blank" rel="noopener" className="block bg-zinc-100 dark:bg-zinc-800">
        {/* eslint-disable-next-line @next/next/no-img-element -- the file's own WebP copy, already small */}
        <img
          src={item.thumbnailSrc}
          alt={item.alt ? `Open full size: ${item.alt}` : `Open full size: ${item.originalName}`}
          width={item.width}
          height={item.height}
          loading="lazy"
          decoding="async"
          className="aspect-[4/3] h-auto w-full object-contain"
        />
      </a>
      <div className="flex flex-1 flex-col gap-3 p-4 text-sm">
        <div>
          <h2 id={`${id}-name`} className="font-medium break-all">
            {item.originalName}
          </h2>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {item.width} × {item.height} · {formatBytes(item.bytes)}
            {item.uploaderName ? ` · ${item.uploaderName}` : ""}
          </p>
        </div>
        <div>
          <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">Used in</h3>
          {uses === 0 ? (
            <p className="text-zinc-600 dark:text-zinc-400">Not used in any post</p>
          ) : (
            <ul className="mt-1 space-y-0.5">
              {item.usedBy.map((post) => (
                <li key={post.id}>
                  <Link href={`/admin/posts/${post.id}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
                    {post.title}
                  </Link>
                </li>
              ))}
              {item.otherUses > 0 && <li className="text-zinc-600 dark:text-zinc-400">{item.otherUses === 1 ? "1 other post" : `${item.otherUses} other posts`}</li>}
            </ul>
          )}
        </div>
        {item.canManage ? (
          <form onSubmit={onSaveAlt} className="space-y-2">
            <label htmlFor={`${id}-alt`} className="block font-medium">
              Alt text<span className="sr-only"> for {item.originalName}</span>
            </label>
            <textarea id={`${id}-alt`} value={alt} onChange={(event) => setAlt(event.target.value)} rows={2} maxLength={500} className={fieldClass} />
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={pending}>
                Save alt text<span className="sr-only"> for {item.originalName}</span>
              </Button>
              <Button variant="danger" onClick={onDelete} disabled={pending}>
                Delete<span className="sr-only"> {item.originalName}</span>
              </Button>
            </div>
          </form>
        ) : (
          <p className="text-zinc-600 dark:text-zinc-400">{item.alt ? `Alt text: ${item.alt}` : "No alt text"}</p>
        )}
        <div aria-live="polite">
          {message && (
            <p role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}>
              {message.text}
            </p>
          )}
        </div>
      </div>
    </li>
  );
}
