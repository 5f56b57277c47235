"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { tagPath } from "@/lib/paths";
import { slugify } from "@/lib/slug";
import type { EditableTag } from "@/lib/tags";
import { MAX_TAG_DESCRIPTION_LENGTH, MAX_TAG_NAME_LENGTH } from "@/lib/validations/limits";
import { Button } from "@/components/ui/button";
import { FormField, FormMessages, UNREACHABLE, firstError, inputClass, type FormMessage } from "./form-field";

export interface TagFormProps {
  tag: EditableTag;
  save: (input: unknown) => Promise<ActionResult<EditableTag>>;
  remove: (input: unknown) => Promise<ActionResult>;
}

const postsLabel = (count: number) => (count === 1 ? "1 post" : `${count} posts`);

export function TagForm({ tag, save, remove }: TagFormProps) {
  const id = useId();
  const router = useRouter();
  const [saved, setSaved] = useState(tag);
  const [name, setName] = useState(tag.name);
  const [slug, setSlug] = useState(tag.slug);
  const [description, setDescription] = useState(tag.description);
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [pending, startTransition] = useTransition();

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { id: saved.id, updatedAt: saved.updatedAt.toISOString(), name, slug, description };
    setMessage(null);
    startTransition(async () => {
      const result = await save(input).catch(() => null);
      if (!result || !result.ok) {
        setFieldErrors(result?.fieldErrors ?? {});
        setMessage({ kind: "error", text: result?.error ?? UNREACHABLE });
        return;
      }
      setFieldErrors({});
      setSaved(result.data);
      setName(result.data.name);
      setSlug(result.data.slug);
      setDescription(result.data.description);
      setMessage({ kind: "success", text: "Saved. Readers see the change now." });
    });
  };

  const onDelete = () => {
    const confirmation = `Delete the tag “${saved.name}”? It will be removed from ${postsLabel(saved.postCount)}; the posts themselves stay. This cannot be undone.`;
    if (!window.confirm(confirmation)) return;
    setMessage(null);
    startTransition(async () => {
      const result = await remove({ id: saved.id }).catch(() => null);
      if (!result || !result.ok) {
        setMessage({ kind: "error", text: result?.error ?? UNREACHABLE });
        return;
      }
      router.replace("/admin/tags");
    });
  };

  const previewSlug = slugify(slug) || slugify(name);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <FormMessages message={message} />
      <div className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <FormField id={`${id}-name`} label="Name" error={firstError(fieldErrors, "name")}>
          {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} required maxLength={MAX_TAG_NAME_LENGTH} className={inputClass} />}
        </FormField>
        <FormField
          id={`${id}-slug`}
          label="Slug"
          error={firstError(fieldErrors, "slug")}
          help={
            <>
              The tag page’s address: <span className="font-mono">{tagPath(previewSlug || "…")}</span>. Leave it empty to make one from the name.
            </>
          }
        >
          {(control) => <input {...control} value={slug} onChange={(event) => setSlug(event.target.value)} autoComplete="off" spellCheck={false} className={inputClass} />}
        </FormField>
        <FormField
          id={`${id}-description`}
          label="Description"
          error={firstError(fieldErrors, "description")}
          help={`Shown on the tag page. Up to ${MAX_TAG_DESCRIPTION_LENGTH} characters.`}
        >
          {(control) => (
            <textarea {...control} value={description} onChange={(event) => setDescription(event.target.value)} rows={4} maxLength={MAX_TAG_DESCRIPTION_LENGTH} className={inputClass} />
          )}
        </FormField>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Used by {postsLabel(saved.postCount)}.</p>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        <Button variant="danger" onClick={onDelete} disabled={pending}>
          Delete tag
        </Button>
      </div>
    </form>
  );
}
