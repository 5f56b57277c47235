"use client";

import { useEffect, useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Button } from "@/components/ui/button";

interface LinkSummary {
  id: string;
  createdAt: Date;
  createdByName: string | null;
}

export interface PreviewLinksProps {
  postId: string;
  /** The staff preview of this post. */
  previewHref: string;
  list: (input: unknown) => Promise<ActionResult<LinkSummary[]>>;
  create: (input: unknown) => Promise<ActionResult<{ id: string; url: string; createdAt: Date }>>;
  revoke: (input: unknown) => Promise<ActionResult>;
}

/** Preview the saved post as readers will see it, and share or revoke secret preview links. */
export function PreviewLinks({ postId, previewHref, list, create, revoke }: PreviewLinksProps) {
  const id = useId();
  const [links, setLinks] = useState<LinkSummary[]>([]);
  // A new link's URL is shown once: only its hash is stored.
  const [fresh, setFresh] = useState<{ id: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    let live = true;
    list({ postId })
      .then((result) => {
        if (live && result.ok) setLinks(result.data);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [list, postId]);

  const onCreate = () =>
    startTransition(async () => {
      setError(null);
      const result = await create({ postId }).catch(() => null);
      if (!result?.ok) return setError(result?.error ?? "Could not reach the server.");
      setFresh({ id: result.data.id, url: result.data.url });
      setLinks((current) => [{ id: result.data.id, createdAt: result.data.createdAt, createdByName: null }, ...current]);
    });

  const onRevoke = (linkId: string) =>
    startTransition(async () => {
      setError(null);
      const result = await revoke({ postId, linkId }).catch(() => null);
      if (!result?.ok) return setError(result?.error ?? "Could not reach the server.");
      setLinks((current) => current.filter((link) => link.id !== linkId));
      if (fresh?.id === linkId) setFresh(null);
    });

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2">
      <h2 id={`${id}-title`} className="text-sm font-medium">
        Preview
      </h2>
      <a href={previewHref} target="_blank" rel="noopener" className="inline-block text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
        Preview as readers see it
      </a>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">A secret link shows the saved post to anyone who has it, signed in or not, until you revoke it.</p>
      <Button onClick={onCreate} disabled={pending}>
        Create preview link
      </Button>
      {fresh && (
        <div className="space-y-1">
          <label htmlFor={`${id}-url`} className="block text-xs font-medium">
            New preview link (copy it now; it is not shown again)
          </label>
          <input id={`${id}-url`} readOnly value={fresh.url} onFocus={(event) => event.currentTarget.select()} className="block w-full rounded-md border border-zinc-300 bg-zinc-50 px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900" />
        </div>
      )}
      {links.length > 0 && (
        <ul aria-label="Preview links" className="space-y-1 text-xs">
          {links.map((link) => (
            <li key={link.id} className="flex items-center justify-between gap-2">
              <span>
                Link made {new Date(link.createdAt).toLocaleString([], { dateStyle: "medium", timeStyle: "short" })}
                {link.createdByName ? ` by ${link.createdByName}` : ""}
              </span>
              <Button variant="ghost" onClick={() => onRevoke(link.id)} disabled={pending} aria-label={`Revoke the link made ${new Date(link.createdAt).toLocaleString()}`}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </section>
  );
}
