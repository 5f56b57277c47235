"use client";

import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { UPLOAD_ENDPOINT, UPLOAD_NAME_HEADER, type UploadResult } from "@/lib/media/upload-types";
import { MAX_UPLOAD_BYTES, formatBytes } from "@/lib/media/variants";
import { AA_TEXT_CONTRAST, accentContrast, normaliseHexColour } from "@/lib/site/accent";
import { SOCIAL_HINTS, SOCIAL_LABELS, SOCIAL_NETWORKS, type SocialNetwork } from "@/lib/site/social";
import {
  MAX_CODE_INJECTION_LENGTH,
  MAX_NAV_ITEMS,
  MAX_NAV_LABEL_LENGTH,
  MAX_POSTS_PER_PAGE,
  MAX_SITE_DESCRIPTION_LENGTH,
  MAX_SITE_TITLE_LENGTH,
  MIN_POSTS_PER_PAGE,
} from "@/lib/validations/settings";
import { Button } from "@/components/ui/button";
import { FormField, FormMessages, UNREACHABLE, firstError, inputClass, type FormMessage } from "../../_components/form-field";

type FieldErrors = Record<string, string[] | undefined>;

export interface SettingsFormValues {
  title: string;
  description: string;
  logo: string;
  icon: string;
  defaultSocialImage: string;
  accentColor: string;
  navigation: { label: string; url: string }[];
  secondaryNavigation: { label: string; url: string }[];
  social: Record<SocialNetwork, string>;
  timezone: string;
  postsPerPage: string;
  codeInjectionHead: string;
  codeInjectionFoot: string;
}

export interface SettingsFormProps {
  initial: SettingsFormValues;
  /** The zone in effect when none is stored (SITE_TIMEZONE or UTC), shown as the default. */
  defaultTimezone: string;
  timezones: string[];
  save: (input: unknown) => Promise<ActionResult<{ version: string }>>;
}

/** The stylesheet's own accent (Tailwind indigo-700), shown when no colour is set. */
const DEFAULT_ACCENT = "#4338ca";

const sectionClass = "scroll-mt-6 space-y-5 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900";

function Section({ id, title, description, children }: { id: string; title: string; description?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className={sectionClass}>
      <div>
        <h2 id={`${id}-heading`} className="text-lg font-semibold tracking-tight">
          {title}
        </h2>
        {description && <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>}
      </div>
      {children}
    </section>
  );
}

export function SettingsForm({ initial, defaultTimezone, timezones, save }: SettingsFormProps) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();

  const set = <K extends keyof SettingsFormValues>(key: K, value: SettingsFormValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const error = (name: string) => firstError(fieldErrors, name);

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    startTransition(async () => {
      const result = await save(values).catch(() => null);
      if (!result || !result.ok) {
        setFieldErrors(result?.fieldErrors ?? {});
        setMessage({ kind: "error", text: result?.error ?? UNREACHABLE });
        return;
      }
      setFieldErrors({});
      setMessage({ kind: "success", text: "Settings saved. Readers see them now." });
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6 pb-4">
      <FormMessages message={message} />

      <Section id={`${id}-general`} title="General">
        <FormField id={`${id}-title`} label="Site title" error={error("title")}>
          {(control) => (
            <input {...control} value={values.title} onChange={(e) => set("title", e.target.value)} required maxLength={MAX_SITE_TITLE_LENGTH} className={inputClass} />
          )}
        </FormField>
        <FormField
          id={`${id}-description`}
          label="Description"
          error={error("description")}
          help={`Shown under the title and in search results and link previews. ${values.description.trim().length} of ${MAX_SITE_DESCRIPTION_LENGTH} characters.`}
        >
          {(control) => (
            <textarea
              {...control}
              value={values.description}
              onChange={(e) => set("description", e.target.value)}
              rows={2}
              maxLength={MAX_SITE_DESCRIPTION_LENGTH}
              className={inputClass}
            />
          )}
        </FormField>
      </Section>

      <Section id={`${id}-brand`} title="Brand" description="Images are uploaded to the media library.">
        <ImageField id={`${id}-logo`} label="Logo" help="Shown in the header instead of the title text (which stays for screen readers)." value={values.logo} error={error("logo")} onChange={(src) => set("logo", src)} />
        <ImageField
          id={`${id}-icon`}
          label="Icon"
          help="A square image, at least 180 × 180 pixels: the browser tab icon and the home-screen icon. Without one, a generated icon in the accent colour is used."
          value={values.icon}
          error={error("icon")}
          onChange={(src) => set("icon", src)}
        />
        <AccentField id={`${id}-accent`} value={values.accentColor} error={error("accentColor")} onChange={(value) => set("accentColor", value)} />
        <ImageField
          id={`${id}-social-image`}
          label="Default social image"
          help="Shown when a page is shared and has no image of its own (home, tag and author pages). 1200 × 630 pixels works everywhere."
          value={values.defaultSocialImage}
          error={error("defaultSocialImage")}
          onChange={(src) => set("defaultSocialImage", src)}
        />
      </Section>

      <Section id={`${id}-navigation`} title="Navigation" description="Links to paths on this site (/about) or to http, https or mailto addresses.">
        <MenuEditor id={`${id}-primary`} legend="Primary menu (header)" name="navigation" items={values.navigation} fieldErrors={fieldErrors} onChange={(items) => set("navigation", items)} />
        <MenuEditor
          id={`${id}-secondary`}
          legend="Secondary menu (footer)"
          name="secondaryNavigation"
          items={values.secondaryNavigation}
          fieldErrors={fieldErrors}
          onChange={(items) => set("secondaryNavigation", items)}
        />
      </Section>

      <Section id={`${id}-social`} title="Social accounts" description="Linked in the footer and named in the data search engines and social sites read.">
        <div className="grid gap-5 sm:grid-cols-2">
          {SOCIAL_NETWORKS.map((network) => (
            <FormField key={network} id={`${id}-social-${network}`} label={SOCIAL_LABELS[network]} error={error(`social.${network}`)} help={SOCIAL_HINTS[network]}>
              {(control) => (
                <input
                  {...control}
                  value={values.social[network]}
                  onChange={(e) => set("social", { ...values.social, [network]: e.target.value })}
                  autoComplete="off"
                  spellCheck={false}
                  className={inputClass}
                />
              )}
            </FormField>
          ))}
        </div>
      </Section>

      <Section id={`${id}-reading`} title="Reading">
        <div className="grid gap-5 sm:grid-cols-2">
          <FormField id={`${id}-timezone`} label="Time zone" error={error("timezone")} help={`Dates readers see and scheduled publishing use this zone. Default: ${defaultTimezone}.`}>
            {(control) => (
              <select {...control} value={values.timezone} onChange={(e) => set("timezone", e.target.value)} className={inputClass}>
                {timezones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replaceAll("_", " ")}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id={`${id}-per-page`} label="Posts per page" error={error("postsPerPage")} help={`On the home, tag and author pages: ${MIN_POSTS_PER_PAGE} to ${MAX_POSTS_PER_PAGE}.`}>
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={MIN_POSTS_PER_PAGE}
                max={MAX_POSTS_PER_PAGE}
                step={1}
                value={values.postsPerPage}
                onChange={(e) => set("postsPerPage", e.target.value)}
                className={inputClass}
              />
            )}
          </FormField>
        </div>
      </Section>

      <Section
        id={`${id}-code`}
        title="Code injection"
        description={
          <span className="mt-2 block rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            <strong className="font-semibold">Trusted HTML.</strong> What you enter here is added as it is to every reader page (never to the admin) and runs
            in every reader&apos;s browser. Only paste code from sources you trust. Inline scripts are allowed by the page&apos;s security policy
            automatically; scripts loaded from another site are allowed from that site&apos;s origin only.
          </span>
        }
      >
        <FormField id={`${id}-head`} label="Site header (before </head>)" error={error("codeInjectionHead")}>
          {(control) => (
            <textarea
              {...control}
              value={values.codeInjectionHead}
              onChange={(e) => set("codeInjectionHead", e.target.value)}
              rows={6}
              maxLength={MAX_CODE_INJECTION_LENGTH}
              spellCheck={false}
              className={`${inputClass} font-mono`}
            />
          )}
        </FormField>
        <FormField id={`${id}-foot`} label="Site footer (before </body>)" error={error("codeInjectionFoot")}>
          {(control) => (
            <textarea
              {...control}
              value={values.codeInjectionFoot}
              onChange={(e) => set("codeInjectionFoot", e.target.value)}
              rows={6}
              maxLength={MAX_CODE_INJECTION_LENGTH}
              spellCheck={false}
              className={`${inputClass} font-mono`}
            />
          )}
        </FormField>
      </Section>

      <div className="sticky bottom-0 z-10 -mx-5 flex items-center justify-end gap-3 border-t border-zinc-200 bg-zinc-50/95 px-5 py-3 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95">
        {Object.keys(fieldErrors).length > 0 && <p className="mr-auto text-sm text-red-700 dark:text-red-400">Some fields need attention.</p>}
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}

function AccentField({ id, value, error, onChange }: { id: string; value: string; error?: string; onChange: (value: string) => void }) {
  const hex = normaliseHexColour(value);
  const check = hex ? accentContrast(hex) : null;
  const status =
    value.trim() === ""
      ? "No colour set: the default accent is used."
      : check === null
        ? "Not a hex colour yet."
        : check.passes
          ? `Contrast ${check.ratio.toFixed(2)}:1 against the white page: passes WCAG AA (${AA_TEXT_CONTRAST}:1).`
          : `Contrast ${check.ratio.toFixed(2)}:1 against the white page: fails WCAG AA (${AA_TEXT_CONTRAST}:1) for links and buttons. Choose a darker colour.`;
  return (
    <FormField id={id} label="Accent colour" error={error} help="Links, buttons and highlights. A hex colour such as #1d4ed8; leave empty for the default.">
      {(control) => (
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <input
            type="color"
            aria-label="Pick the accent colour"
            value={hex ?? DEFAULT_ACCENT}
            onChange={(e) => onChange(e.target.value)}
            className="h-10 w-14 cursor-pointer rounded-md border border-zinc-300 bg-white p-1 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <input
            {...control}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            placeholder={DEFAULT_ACCENT}
            autoComplete="off"
            spellCheck={false}
            className={`${inputClass} mt-0 w-36 font-mono`}
          />
          {value.trim() !== "" && (
            <button type="button" onClick={() => onChange("")} className="text-sm font-medium text-zinc-700 underline-offset-4 hover:underline dark:text-zinc-300">
              Use the default
            </button>
          )}
          <p
            aria-live="polite"
            className={`w-full text-sm ${check && !check.passes ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"}`}
          >
            {hex && <span aria-hidden="true" className="mr-2 inline-block size-3 rounded-full align-middle" style={{ backgroundColor: hex }} />}
            {status}
          </p>
        </div>
      )}
    </FormField>
  );
}

async function uploadImage(file: File): Promise<UploadResult> {
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, error: `The file is larger than ${formatBytes(MAX_UPLOAD_BYTES)}, the most an image may be.` };
  try {
    const response = await fetch(UPLOAD_ENDPOINT, { method: "POST", body: file, headers: { [UPLOAD_NAME_HEADER]: encodeURIComponent(file.name) } });
    return (await response.json()) as UploadResult;
  } catch {
    return { ok: false, error: UNREACHABLE.replace("nothing was saved", "the image was not uploaded") };
  }
}

interface ImageFieldProps {
  id: string;
  label: string;
  help: string;
  value: string;
  error?: string;
  onChange: (src: string) => void;
}

function ImageField({ id, label, help, value, error, onChange }: ImageFieldProps) {
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const shownError = uploadError ?? error;

  const onFile = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setUploading(true);
    setUploadError(null);
    const result = await uploadImage(file);
    setUploading(false);
    if (result.ok) onChange(result.data.src);
    else setUploadError(result.error);
  };

  return (
    <div role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-help${shownError ? ` ${id}-error` : ""}`}>
      <p id={`${id}-label`} className="text-sm font-medium">
        {label}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        {value ? (
          // eslint-disable-next-line @next/next/no-img-element -- a small preview of an uploaded file; next/image adds nothing here
          <img src={value} alt={`Current ${label.toLowerCase()}`} className="h-14 max-w-40 rounded border border-zinc-200 bg-zinc-100 object-contain p-1 dark:border-zinc-700 dark:bg-zinc-800" />
        ) : (
          <span className="text-sm text-zinc-600 dark:text-zinc-400">None</span>
        )}
        <label className="cursor-pointer rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-indigo-600 dark:border-zinc-700 dark:hover:bg-zinc-800">
          {uploading ? "Uploading…" : value ? `Replace ${label.toLowerCase()}` : `Upload ${label.toLowerCase()}`}
          <input type="file" accept="image/png,image/jpeg,image/webp,image/avif,image/gif" onChange={onFile} disabled={uploading} className="sr-only" />
        </label>
        {value && (
          <button type="button" onClick={() => onChange("")} className="text-sm font-medium text-zinc-700 underline-offset-4 hover:underline dark:text-zinc-300">
            Remove {label.toLowerCase()}
          </button>
        )}
      </div>
      {shownError && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
          {shownError}
        </p>
      )}
      <p id={`${id}-help`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        {help}
      </p>
    </div>
  );
}

interface MenuEditorProps {
  id: string;
  legend: string;
  name: "navigation" | "secondaryNavigation";
  items: { label: string; url: string }[];
  fieldErrors: FieldErrors;
  onChange: (items: { label: string; url: string }[]) => void;
}

function MenuEditor({ id, legend, name, items, fieldErrors, onChange }: MenuEditorProps) {
  const update = (index: number, change: Partial<{ label: string; url: string }>) => onChange(items.map((item, i) => (i === index ? { ...item, ...change } : item)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };
  const listError = firstError(fieldErrors, name);
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium">{legend}</legend>
      {items.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">No links yet.</p>}
      <ol className="space-y-3">
        {items.map((item, index) => {
          const position = `${index + 1}`;
          return (
            <li key={index} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-700">
              <div className="grid gap-3 sm:grid-cols-[1fr_2fr]">
                <FormField id={`${id}-${index}-label`} label={`Label ${position}`} error={firstError(fieldErrors, `${name}.${index}.label`)}>
                  {(control) => <input {...control} value={item.label} onChange={(e) => update(index, { label: e.target.value })} maxLength={MAX_NAV_LABEL_LENGTH} className={inputClass} />}
                </FormField>
                <FormField id={`${id}-${index}-url`} label={`URL ${position}`} error={firstError(fieldErrors, `${name}.${index}.url`)}>
                  {(control) => (
                    <input {...control} value={item.url} onChange={(e) => update(index, { url: e.target.value })} inputMode="url" spellCheck={false} placeholder="/about" className={inputClass} />
                  )}
                </FormField>
              </div>
              <div className="mt-2 flex flex-wrap gap-2 text-sm">
                <button type="button" onClick={() => move(index, -1)} disabled={index === 0} className="rounded px-2 py-1 font-medium hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800">
                  Move up<span className="sr-only"> {item.label || `link ${position}`}</span>
                </button>
                <button
                  type="button"
                  onClick={() => move(index, 1)}
                  disabled={index === items.length - 1}
                  className="rounded px-2 py-1 font-medium hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800"
                >
                  Move down<span className="sr-only"> {item.label || `link ${position}`}</span>
                </button>
                <button type="button" onClick={() => onChange(items.filter((_, i) => i !== index))} className="rounded px-2 py-1 font-medium text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950">
                  Remove<span className="sr-only"> {item.label || `link ${position}`}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {listError && <p className="text-sm text-red-700 dark:text-red-400">{listError}</p>}
      <button
        type="button"
        onClick={() => onChange([...items, { label: "", url: "" }])}
        disabled={items.length >= MAX_NAV_ITEMS}
        className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Add link<span className="sr-only"> to the {legend.toLowerCase()}</span>
      </button>
    </fieldset>
  );
}
