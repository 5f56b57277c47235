"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";

export interface UrlPanelProps {
  title: string;
  urlLabel: string;
  initialUrl?: string;
  /** What the typed value will be saved as (null: not usable); shown live under the field. */
  resolve?: (url: string) => string | null;
  /** Shown when true: the panel also asks for alternative text (images). */
  withAlt?: boolean;
  /** Returns an error message, or null when the value was applied. */
  onApply: (url: string, alt: string) => string | null;
  onRemove?: () => void;
  onClose: () => void;
}

const inputClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

const resolvedText = (href: string | null) => (href ? `Links to ${href}` : "Not a usable address yet.");

/** A small inline form for a link or image URL; Escape closes it and returns focus to the editor. */
export function UrlPanel({ title, urlLabel, initialUrl = "", resolve, withAlt, onApply, onRemove, onClose }: UrlPanelProps) {
  const id = useId();
  const [url, setUrl] = useState(initialUrl);
  const [alt, setAlt] = useState("");
  const [error, setError] = useState<string | null>(null);

  return (
    <form
      role="group"
      aria-label={title}
      className="flex flex-wrap items-end gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900/60"
      onSubmit={(event) => {
        event.preventDefault();
        setError(onApply(url, alt));
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="min-w-0 flex-1 basis-48">
        <label htmlFor={`${id}-url`} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
          {urlLabel}
        </label>
        <input
          id={`${id}-url`}
          autoFocus
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          placeholder="https://"
          aria-invalid={error ? true : undefined}
          aria-describedby={[resolve && `${id}-resolved`, error && `${id}-error`].filter(Boolean).join(" ") || undefined}
          className={inputClass}
        />
        {resolve && (
          <p id={`${id}-resolved`} className="mt-1 text-xs break-all text-zinc-600 dark:text-zinc-400" aria-live="polite">
            {url.trim() === "" ? "Type a web address, an e-mail address or a path on this site." : resolvedText(resolve(url))}
          </p>
        )}
      </div>
      {withAlt && (
        <div className="min-w-0 flex-1 basis-40">
          <label htmlFor={`${id}-alt`} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Alternative text
          </label>
          <input id={`${id}-alt`} value={alt} onChange={(event) => setAlt(event.target.value)} className={inputClass} />
        </div>
      )}
      <div className="flex gap-2">
        <Button type="submit" variant="primary">Apply</Button>
        {onRemove && <Button onClick={onRemove}>Remove</Button>}
        <Button variant="ghost" onClick={onClose}>Cancel</Button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
