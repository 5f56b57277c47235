"use client";

import { useId, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { PostSettings } from "@/lib/posts/settings";
import { dateToWallTime } from "@/lib/posts/schedule-time";
import {
  canonicalUrlFromInput,
  MAX_META_DESCRIPTION_LENGTH,
  MAX_META_TITLE_LENGTH,
  RECOMMENDED_META_DESCRIPTION_LENGTH,
  RECOMMENDED_META_TITLE_LENGTH,
} from "@/lib/posts/settings-rules";
import { Button } from "@/components/ui/button";
import { uploadFile } from "@/components/editor/image-upload";
import { useReportChecklistSeo } from "@/components/editor/prepublish-checklist";
import { cn } from "@/lib/utils";

/** A file of the media library the social image can be chosen from. */
export interface LibraryImage {
  src: string;
  thumbnailSrc: string;
  alt: string;
  name: string;
}

export interface PostSettingsPanelProps {
  postId: string;
  initial: PostSettings;
  /** What readers get when a setting is empty: the saved title and excerpt, and the feature image. */
  fallback: { title: string; excerpt: string; featureImage: string | null };
  /** The site's title and the post's public URL, for the search preview. */
  siteTitle: string;
  postUrl: string;
  timeZone: string;
  /** Whether the actor may move the publish date (they may publish this post). */
  canBackdate: boolean;
  library: LibraryImage[];
  save: (input: unknown) => Promise<ActionResult<PostSettings>>;
}

const fieldClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900";
const helpClass = "mt-1 text-xs text-zinc-500 dark:text-zinc-400";
const UNREACHABLE = "Could not reach the server, so the settings were not saved. Try again in a moment.";

/** "42 of about 60 shown", turning amber past what search results show. */
function Counter({ id, length, recommended }: { id: string; length: number; recommended: number }) {
  const over = length > recommended;
  return (
    <p id={id} className={cn("mt-1 text-xs tabular-nums", over ? "text-amber-800 dark:text-amber-300" : "text-zinc-500 dark:text-zinc-400")}>
      {length} characters{over ? `; search results show about ${recommended}` : ` of about ${recommended} shown in search results`}
    </p>
  );
}

/** Cuts text as a results page would, at a word, with an ellipsis. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 15)).trimEnd()}…`;
}

/**
 * Search and social settings of a post, as Ghost's post settings: meta title and description with
 * counters and a search-result preview, the canonical URL, the social card's title, description and
 * image, and the publish date of a published post. Saved on their own with their button.
 */
export function PostSettingsPanel({ postId, initial, fallback, siteTitle, postUrl, timeZone, canBackdate, library, save }: PostSettingsPanelProps) {
  const id = useId();
  const [saved, setSaved] = useState(initial);
  const [metaTitle, setMetaTitle] = useState(initial.metaTitle);
  const [metaDescription, setMetaDescription] = useState(initial.metaDescription);
  const [canonicalUrl, setCanonicalUrl] = useState(initial.canonicalUrl);
  const [socialTitle, setSocialTitle] = useState(initial.socialTitle);
  const [socialDescription, setSocialDescription] = useState(initial.socialDescription);
  const [socialImage, setSocialImage] = useState(initial.socialImage);
  const publishedWall = (date: Date | null) => (date ? dateToWallTime(new Date(date), timeZone).slice(0, 16) : "");
  const [publishedAt, setPublishedAt] = useState(publishedWall(initial.publishedAt));
  const [choosing, setChoosing] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [pending, startTransition] = useTransition();
  const fileInput = useRef<HTMLInputElement>(null);
  useReportChecklistSeo({ metaTitle, metaDescription });

  const searchTitle = `${metaTitle.trim() || fallback.title || "Untitled"} — ${siteTitle}`;
  const searchDescription = metaDescription.trim() || fallback.excerpt;
  const canonical = canonicalUrl.trim();
  const canonicalResolved = canonical ? canonicalUrlFromInput(canonical) : null;
  const cardImage = socialImage || fallback.featureImage;
  const errorOf = (name: string) => fieldErrors[name]?.[0];

  const onSave = () => {
    setMessage(null);
    const input = { postId, metaTitle, metaDescription, canonicalUrl, socialTitle, socialDescription, socialImage, publishedAt: saved.publishedAt ? publishedAt : "" };
    startTransition(async () => {
      const result = await save(input).catch(() => null);
      if (!result?.ok) {
        setFieldErrors(result && "fieldErrors" in result ? (result.fieldErrors ?? {}) : {});
        setMessage({ kind: "error", text: result?.error ?? UNREACHABLE });
        return;
      }
      const next = result.data;
      setFieldErrors({});
      setSaved(next);
      setCanonicalUrl(next.canonicalUrl);
      setSocialImage(next.socialImage);
      setPublishedAt(publishedWall(next.publishedAt));
      setMessage({ kind: "success", text: "Settings saved." });
    });
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    setProgress(0);
    const result = await uploadFile(file, setProgress);
    setProgress(null);
    if (!result.ok) return setMessage({ kind: "error", text: `${file.name} was not uploaded. ${result.error}` });
    setSocialImage(result.data.src);
    setChoosing(false);
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4" data-post-settings-panel>
      <h2 id={`${id}-heading`} className="text-sm font-semibold">
        Search and social
      </h2>

      <div>
        <label htmlFor={`${id}-meta-title`} className="block text-sm font-medium">
          Meta title
        </label>
        <input
          id={`${id}-meta-title`}
          value={metaTitle}
          onChange={(event) => setMetaTitle(event.target.value)}
          maxLength={MAX_META_TITLE_LENGTH}
          placeholder={fallback.title}
          aria-describedby={`${id}-meta-title-count`}
          aria-invalid={errorOf("metaTitle") ? true : undefined}
          className={fieldClass}
        />
        <Counter id={`${id}-meta-title-count`} length={metaTitle.trim().length} recommended={RECOMMENDED_META_TITLE_LENGTH} />
      </div>

      <div>
        <label htmlFor={`${id}-meta-description`} className="block text-sm font-medium">
          Meta description
        </label>
        <textarea
          id={`${id}-meta-description`}
          value={metaDescription}
          onChange={(event) => setMetaDescription(event.target.value)}
          maxLength={MAX_META_DESCRIPTION_LENGTH}
          rows={3}
          placeholder={fallback.excerpt}
          data-settings-field="metaDescription"
          aria-describedby={`${id}-meta-description-count`}
          aria-invalid={errorOf("metaDescription") ? true : undefined}
          className={fieldClass}
        />
        <Counter id={`${id}-meta-description-count`} length={metaDescription.trim().length} recommended={RECOMMENDED_META_DESCRIPTION_LENGTH} />
      </div>

      <figure aria-label="Search result preview" className="rounded-md border border-zinc-200 bg-white p-3 dark:border-zinc-700 dark:bg-zinc-950">
        <figcaption className="mb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">Search result preview</figcaption>
        <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">{canonicalResolved ?? postUrl}</p>
        <p className="text-base leading-snug text-[#1a0dab] dark:text-indigo-300" data-preview-title>
          {clip(searchTitle, RECOMMENDED_META_TITLE_LENGTH)}
        </p>
        <p className="text-sm text-zinc-700 dark:text-zinc-300" data-preview-description>
          {searchDescription ? clip(searchDescription, RECOMMENDED_META_DESCRIPTION_LENGTH) : "Add a meta description or an excerpt: search engines otherwise pick text themselves."}
        </p>
      </figure>

      <div>
        <label htmlFor={`${id}-canonical`} className="block text-sm font-medium">
          Canonical URL
        </label>
        <input
          id={`${id}-canonical`}
          type="url"
          inputMode="url"
          value={canonicalUrl}
          onChange={(event) => {
            setCanonicalUrl(event.target.value);
            // The refusal of the last save no longer describes what is typed; the live check below does.
            setFieldErrors((errors) => ({ ...errors, canonicalUrl: undefined }));
          }}
          placeholder={postUrl}
          aria-describedby={`${id}-canonical-help`}
          aria-invalid={errorOf("canonicalUrl") || (canonical && !canonicalResolved) ? true : undefined}
          className={fieldClass}
        />
        <p id={`${id}-canonical-help`} className={cn(helpClass, canonical && !canonicalResolved && "text-red-700 dark:text-red-400")}>
          {errorOf("canonicalUrl") ??
            (canonical === ""
              ? "Only for a post first published elsewhere: the address of the original."
              : canonicalResolved
                ? `Search engines are told the original is ${canonicalResolved}`
                : "Must be a full http:// or https:// address.")}
        </p>
      </div>

      <fieldset className="space-y-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <legend className="text-sm font-semibold">Social card (Open Graph and X)</legend>
        <div>
          <label htmlFor={`${id}-social-title`} className="block text-sm font-medium">
            Social title
          </label>
          <input
            id={`${id}-social-title`}
            value={socialTitle}
            onChange={(event) => setSocialTitle(event.target.value)}
            maxLength={MAX_META_TITLE_LENGTH}
            placeholder={metaTitle || fallback.title}
            className={fieldClass}
          />
        </div>
        <div>
          <label htmlFor={`${id}-social-description`} className="block text-sm font-medium">
            Social description
          </label>
          <textarea
            id={`${id}-social-description`}
            value={socialDescription}
            onChange={(event) => setSocialDescription(event.target.value)}
            maxLength={MAX_META_DESCRIPTION_LENGTH}
            rows={3}
            placeholder={metaDescription || fallback.excerpt}
            className={fieldClass}
          />
        </div>
        <div className="space-y-2">
          <p className="text-sm font-medium">
            Social image
          </p>
          {cardImage ? (
            // eslint-disable-next-line @next/next/no-img-element -- a preview of whatever the author chose, sized by CSS
            <img src={cardImage} alt={socialImage ? "Social image" : "Social image: the feature image"} className="aspect-[1.91/1] w-full rounded-md bg-zinc-100 object-cover dark:bg-zinc-800" />
          ) : (
            <p className={helpClass}>Without one, the feature image is used, or a card made from the title.</p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => setChoosing((open) => !open)} aria-expanded={choosing} aria-controls={`${id}-library`} disabled={library.length === 0}>
              Choose from library
            </Button>
            <Button onClick={() => fileInput.current?.click()} disabled={progress !== null}>
              Upload social image
            </Button>
            {socialImage && (
              <Button variant="ghost" onClick={() => setSocialImage("")}>
                Use feature image
              </Button>
            )}
          </div>
          <input
            ref={fileInput}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
            hidden
            aria-label="Social image file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              void onFile(file);
            }}
          />
          {progress !== null && <progress max={1} value={progress} aria-label="Uploading social image" className="h-2 w-full" />}
          {choosing && (
            <ul id={`${id}-library`} aria-label="Media library" className="grid max-h-64 grid-cols-3 gap-2 overflow-y-auto rounded-md border border-zinc-200 p-2 dark:border-zinc-700">
              {library.map((item) => (
                <li key={item.src}>
                  <button
                    type="button"
                    aria-pressed={socialImage === item.src}
                    aria-label={`Use ${item.alt || item.name}`}
                    onClick={() => {
                      setSocialImage(item.src);
                      setChoosing(false);
                    }}
                    className={cn("block w-full overflow-hidden rounded border-2", socialImage === item.src ? "border-indigo-600" : "border-transparent")}
                  >
                    {/* eslint-disable-next-line @next/next/no-img-element -- a library thumbnail */}
                    <img src={item.thumbnailSrc} alt="" loading="lazy" className="aspect-square w-full object-cover" />
                  </button>
                </li>
              ))}
            </ul>
          )}
          {errorOf("socialImage") && <p className="text-xs text-red-700 dark:text-red-400">{errorOf("socialImage")}</p>}
        </div>
      </fieldset>

      <div className="border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <label htmlFor={`${id}-published-at`} className="block text-sm font-medium">
          Publish date ({timeZone})
        </label>
        <input
          id={`${id}-published-at`}
          type="datetime-local"
          value={publishedAt}
          onChange={(event) => setPublishedAt(event.target.value)}
          max={dateToWallTime(new Date(), timeZone).slice(0, 16)}
          disabled={!saved.publishedAt || !canBackdate}
          aria-describedby={`${id}-published-at-help`}
          className={fieldClass}
        />
        <p id={`${id}-published-at-help`} className={helpClass}>
          {errorOf("publishedAt") ??
            (!saved.publishedAt
              ? "Set when the post is first published. To publish later, schedule it."
              : canBackdate
                ? "Back-date a post, for example one moved from another site. Lists and feeds order by this date."
                : "Only those who may publish this post can change its date.")}
        </p>
      </div>

      <Button variant="primary" onClick={onSave} disabled={pending}>
        {pending ? "Saving…" : "Save settings"}
      </Button>
      <div aria-live="polite">
        {message && (
          <p role={message.kind === "error" ? "alert" : undefined} className={message.kind === "error" ? "text-sm text-red-700 dark:text-red-400" : "text-sm text-emerald-700 dark:text-emerald-400"}>
            {message.text}
          </p>
        )}
      </div>
    </section>
  );
}
