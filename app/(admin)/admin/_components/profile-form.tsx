"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { authorPath } from "@/lib/paths";
import { slugify } from "@/lib/slug";
import type { EditableProfile } from "@/lib/users";
import { MAX_BIO_LENGTH, MAX_NAME_LENGTH } from "@/lib/validations/limits";
import { Button } from "@/components/ui/button";
import { FormField, FormMessages, UNREACHABLE, firstError, inputClass, type FormMessage } from "./form-field";

export interface ProfileFormProps {
  profile: EditableProfile;
  save: (input: unknown) => Promise<ActionResult<EditableProfile>>;
}

const roleLabel = (role: string) => role.charAt(0) + role.slice(1).toLowerCase();

export function ProfileForm({ profile, save }: ProfileFormProps) {
  const id = useId();
  const router = useRouter();
  const [saved, setSaved] = useState(profile);
  const [name, setName] = useState(profile.name);
  const [slug, setSlug] = useState(profile.slug);
  const [bio, setBio] = useState(profile.bio);
  const [website, setWebsite] = useState(profile.website);
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [pending, startTransition] = useTransition();

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { id: saved.id, name, slug, bio, website };
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
      setBio(result.data.bio);
      setWebsite(result.data.website);
      setMessage({ kind: "success", text: result.data.isPublic ? "Profile saved. Readers see the change now." : "Profile saved." });
      // The admin header shows the name.
      router.refresh();
    });
  };

  const previewSlug = slugify(slug) || slugify(name);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <FormMessages message={message} />
      <div className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {saved.email} · {roleLabel(saved.role)}
        </p>
        <FormField id={`${id}-name`} label="Name" error={firstError(fieldErrors, "name")}>
          {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} required maxLength={MAX_NAME_LENGTH} autoComplete="name" className={inputClass} />}
        </FormField>
        <FormField
          id={`${id}-slug`}
          label="Slug"
          error={firstError(fieldErrors, "slug")}
          help={
            <>
              The author page’s address: <span className="font-mono">{authorPath(previewSlug || "…")}</span>. Leave it empty to make one from the name.
            </>
          }
        >
          {(control) => <input {...control} value={slug} onChange={(event) => setSlug(event.target.value)} autoComplete="off" spellCheck={false} className={inputClass} />}
        </FormField>
        <FormField id={`${id}-bio`} label="Bio" error={firstError(fieldErrors, "bio")} help={`Shown with your posts. Up to ${MAX_BIO_LENGTH} characters.`}>
          {(control) => <textarea {...control} value={bio} onChange={(event) => setBio(event.target.value)} rows={4} maxLength={MAX_BIO_LENGTH} className={inputClass} />}
        </FormField>
        <FormField id={`${id}-website`} label="Website" error={firstError(fieldErrors, "website")} help="A full address, such as https://example.com. Leave it empty for none.">
          {(control) => (
            <input {...control} type="url" inputMode="url" value={website} onChange={(event) => setWebsite(event.target.value)} autoComplete="url" spellCheck={false} className={inputClass} />
          )}
        </FormField>
      </div>
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}
