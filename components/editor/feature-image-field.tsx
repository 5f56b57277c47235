"use client";

import { useId, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { FeatureImage } from "@/lib/posts";
import { Button } from "@/components/ui/button";
import { uploadFile } from "@/components/editor/image-upload";

export interface FeatureImageFieldProps {
  postId: string;
  initial: FeatureImage | null;
  save: (input: unknown) => Promise<ActionResult<FeatureImage | null>>;
}

const fieldClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900";

const UNREACHABLE = "Could not reach the server, so the feature image was not saved. Try again in a moment.";

/**
 * The post's feature image with its alt text and caption. It is saved on its own (the post's Save
 * does not carry it): uploading or removing saves at once, alt text and caption with their button.
 */
export function FeatureImageField({ postId, initial, save }: FeatureImageFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [saved, setSaved] = useState(initial);
  const [alt, setAlt] = useState(initial?.alt ?? "");
  const [caption, setCaption] = useState(initial?.caption ?? "");
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const store = (src: string, fields: { alt: string; caption: string }, success: string) => {
    startTransition(async () => {
      const result = await save({ postId, src, ...fields }).catch(() => null);
      if (!result?.ok) return setMessage({ kind: "error", text: result?.error ?? UNREACHABLE });
      setSaved(result.data);
      setAlt(result.data?.alt ?? "");
      setCaption(result.data?.caption ?? "");
      setMessage({ kind: "success", text: success });
    });
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    setProgress(0);
    const result = await uploadFile(file, setProgress);
    setProgress(null);
    if (!result.ok) return setMessage({ kind: "error", text: `${file.name} was not uploaded. ${result.error}` });
    store(result.data.src, { alt: alt || result.data.alt, caption }, "Feature image saved.");
  };

  const dirty = saved !== null && (alt.trim() !== saved.alt || caption.trim() !== saved.caption);

  return (
    <fieldset className="space-y-3" aria-describedby={`${id}-help`}>
      <legend className="block text-sm font-medium">Feature image</legend>
      {saved ? (
        // eslint-disable-next-line @next/next/no-img-element -- a preview of whatever the author chose, sized by CSS
        <img src={saved.src} alt={saved.alt ? `Feature image: ${saved.alt}` : "Feature image"} className="aspect-[1.91/1] w-full rounded-md bg-zinc-100 object-cover dark:bg-zinc-800" />
      ) : (
        <p id={`${id}-help`} className="text-xs text-zinc-500 dark:text-zinc-400">
          Shown above the post and in link previews. JPEG, PNG, WebP, AVIF or GIF.
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => input.current?.click()} disabled={pending || progress !== null}>
          {saved ? "Replace feature image" : "Upload feature image"}
        </Button>
        {saved && (
          <Button variant="danger" onClick={() => store("", { alt: "", caption: "" }, "Feature image removed.")} disabled={pending}>
            Remove
          </Button>
        )}
      </div>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
        hidden
        aria-label="Feature image file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          void onFile(file);
        }}
      />
      {progress !== null && <progress max={1} value={progress} aria-label="Uploading feature image" className="h-2 w-full" />}
      {saved && (
        <>
          <div>
            <label htmlFor={`${id}-alt`} className="block text-sm font-medium">
              Feature image alt text
            </label>
            <input id={`${id}-alt`} value={alt} onChange={(event) => setAlt(event.target.value)} maxLength={500} aria-describedby={`${id}-alt-help`} className={fieldClass} />
            <p id={`${id}-alt-help`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
              What the image shows, for readers who cannot see it.
            </p>
          </div>
          <div>
            <label htmlFor={`${id}-caption`} className="block text-sm font-medium">
              Feature image caption
            </label>
            <input id={`${id}-caption`} value={caption} onChange={(event) => setCaption(event.target.value)} maxLength={500} className={fieldClass} />
          </div>
          <Button onClick={() => store(saved.src, { alt, caption }, "Alt text and caption saved.")} disabled={pending || !dirty}>
            Save alt text and caption
          </Button>
        </>
      )}
      <div aria-live="polite">
        {message && (
          <p role={message.kind === "error" ? "alert" : undefined} className={message.kind === "error" ? "text-sm text-red-700 dark:text-red-400" : "text-sm text-emerald-700 dark:text-emerald-400"}>
            {message.text}
          </p>
        )}
      </div>
    </fieldset>
  );
}
