"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { StaffAvatar } from "@/components/admin/staff-avatar";
import type { ActionResult } from "@/lib/action-result";
import { MAX_AVATAR_BYTES } from "@/lib/staff/avatar-limits";

export interface AvatarFieldProps {
  userId: string;
  name: string;
  src: string | null;
  /** FormData with `userId` and `file`. */
  upload: (formData: FormData) => Promise<ActionResult<{ src: string | null }>>;
  remove: (userId: string) => Promise<ActionResult<{ src: string | null }>>;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Profile photo: chosen files upload at once (cropped square on the server); "Remove photo" goes back to initials. */
export function AvatarField({ userId, name, src: initialSrc, upload, remove }: AvatarFieldProps) {
  const id = useId();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [src, setSrc] = useState(initialSrc);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const finish = (result: ActionResult<{ src: string | null }> | null, success: string) => {
    if (input.current) input.current.value = "";
    if (!result || !result.ok) {
      setMessage({ ok: false, text: result?.error ?? "The photo could not be saved. Check your connection and try again." });
      return;
    }
    setSrc(result.data.src);
    setMessage({ ok: true, text: success });
    router.refresh();
  };

  const onChoose = (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_AVATAR_BYTES) {
      setMessage({ ok: false, text: `That file is ${megabytes(file.size)}; a profile photo may be up to ${megabytes(MAX_AVATAR_BYTES)}.` });
      if (input.current) input.current.value = "";
      return;
    }
    const form = new FormData();
    form.set("userId", userId);
    form.set("file", file);
    setMessage(null);
    startTransition(async () => finish(await upload(form).catch(() => null), "Photo saved."));
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="mb-8 flex flex-wrap items-center gap-5 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <StaffAvatar name={name} src={src} size={80} />
      <div className="min-w-0 flex-1 space-y-2">
        <h2 id={`${id}-heading`} className="font-semibold">
          Profile photo
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Shown beside your name in the admin and with your posts. JPEG, PNG, WebP or AVIF, up to {megabytes(MAX_AVATAR_BYTES)}; it is cropped square.</p>
        <div className="flex flex-wrap items-center gap-3">
          <label htmlFor={`${id}-file`} className="sr-only">
            Upload a photo
          </label>
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
            disabled={pending}
            onChange={(event) => onChoose(event.target.files?.[0])}
            className="block max-w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-1.5 file:font-medium dark:file:bg-zinc-800"
          />
          {src && (
            <Button type="button" variant="danger" disabled={pending} onClick={() => startTransition(async () => finish(await remove(userId).catch(() => null), "Photo removed."))}>
              Remove photo
            </Button>
          )}
        </div>
        {pending && <p className="text-sm text-zinc-600 dark:text-zinc-400">Saving…</p>}
        {message && (
          <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-green-700 dark:text-green-400" : "text-sm text-red-700 dark:text-red-400"}>
            {message.text}
          </p>
        )}
      </div>
    </section>
  );
}
