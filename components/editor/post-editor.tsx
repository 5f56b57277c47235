"use client";

import { EditorContent, useEditor } from "@tiptap/react";
import { Placeholder } from "@tiptap/extensions";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition as startDeferredUpdate, useCallback, useEffect, useId, useLayoutEffect, useRef, useState, useTransition } from "react";
import type { Node as PmNode } from "@tiptap/pm/model";
import type { ActionResult } from "@/lib/action-result";
import { emptyDoc } from "@/lib/editor/doc-text";
import { postExtensions } from "@/lib/editor/extensions";
import { linkHrefFromInput, safeImageSrc } from "@/lib/editor/safe-href";
import { postPath } from "@/lib/paths";
import type { EditablePost, PostStatus, SavePostResult } from "@/lib/posts";
import { slugify } from "@/lib/slug";
import { Button } from "@/components/ui/button";
import { StatusBadge } from "@/components/posts/status-badge";
import { EditorToolbar } from "@/components/editor/editor-toolbar";
import { UrlPanel } from "@/components/editor/url-panel";
import { ImageUpload, UploadStatus } from "@/components/editor/image-upload";
import { usePasteHandling } from "@/components/editor/paste-handling";
import { TableTools } from "@/components/editor/table-tools";
import { useLocalDraft } from "@/components/editor/local-draft";
import { useSaveConflict } from "@/components/editor/conflict-dialog";
import { EditorKeys } from "@/components/editor/editor-keys";
import { SelectionSync } from "@/components/editor/selection-sync";
import { OffscreenBlocks } from "@/components/editor/offscreen-blocks";
import { NativeTyping } from "@/components/editor/native-typing";
import { REACT_NODE_VIEW_TYPES, withBlockViews } from "@/components/editor/block-views";
import { skipNeedlessFirstRedraw } from "@/components/editor/node-view-redraw";
import { SlashMenu } from "@/components/editor/slash-menu";
import { BubbleToolbar } from "@/components/editor/bubble-toolbar";
import { ImageTools } from "@/components/editor/image-tools";
import { WordCount } from "@/components/editor/word-count";
import { TitleField } from "@/components/editor/title-field";
import { focusEditorNow } from "@/components/editor/focus-editor";
import { ChecklistSeoContext, PrepublishChecklist, type ChecklistSeo } from "@/components/editor/prepublish-checklist";

type SaveAction = (input: unknown) => Promise<SavePostResult>;

export interface PostEditorProps {
  post: EditablePost;
  tagSuggestions: string[];
  save: SaveAction;
  publish: SaveAction;
  unpublish: SaveAction;
  remove: (input: unknown) => Promise<ActionResult>;
  /** More settings at the end of the settings panel, saved on their own (the feature image field). */
  settings?: React.ReactNode;
}

interface Message {
  kind: "success" | "error";
  text: string;
}

interface Saved {
  version: number;
  status: PostStatus;
  slug: string;
  slugFrozen: boolean;
  canDelete: boolean;
}

const fieldClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900";

/** The fields around the body; the body itself is compared by document identity (see savedDoc). */
const snapshotOf = ({ title, slug, customExcerpt, tags }: { title: string; slug: string; customExcerpt: string; tags: string[] }) =>
  JSON.stringify([title, slug, customExcerpt, tags]);

const timeOf = (date: Date) => date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** Whether `slug` is what the server derives from `title`: its slug, or that slug with a number added. */
function isDerivedSlug(slug: string, title: string): boolean {
  const base = slugify(title) || "untitled";
  return slug === base || new RegExp(`^${base}-\\d+$`).test(slug);
}

const UNREACHABLE = "Could not reach the server, so nothing was saved. Your text is still here; try again in a moment.";

const parseTags = (raw: string) => raw.split(",").map((tag) => tag.trim()).filter(Boolean);

export function PostEditor({ post, tagSuggestions, save, publish, unpublish, remove, settings }: PostEditorProps) {
  const id = useId();
  const [saved, setSaved] = useState<Saved>({
    version: post.version,
    status: post.status,
    slug: post.slug,
    slugFrozen: post.slugFrozen,
    canDelete: post.canDelete,
  });
  const [title, setTitle] = useState(post.title);
  const [slug, setSlug] = useState(post.slug);
  // A never-published post's slug follows its title until someone edits the slug by hand.
  const [slugFollowsTitle, setSlugFollowsTitle] = useState(!post.slugFrozen && isDerivedSlug(post.slug, post.title));
  const [excerpt, setExcerpt] = useState(post.customExcerpt);
  const [tags, setTags] = useState(post.tags.join(", "));
  const [message, setMessage] = useState<Message | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [panel, setPanel] = useState<"link" | "image" | null>(null);
  const [pending, startTransition] = useTransition();
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  // ProseMirror documents are immutable, so "the body changed since the last save" is a reference
  // comparison: no serialising on keystrokes, and this component re-renders only when the answer flips.
  const savedDoc = useRef<PmNode | null>(null);
  const [bodyDirty, setBodyDirty] = useState(false);
  const router = useRouter();
  const barRef = useRef<HTMLDivElement>(null);
  const [barHeight, setBarHeight] = useState(0);
  // What the settings panel (saved on its own) holds, for the pre-publish checklist.
  const [checklistSeo, setChecklistSeo] = useState<ChecklistSeo>({
    metaTitle: "",
    metaDescription: "",
    featureImage: post.featureImage ? { alt: post.featureImage.alt } : null,
  });
  const reportSeo = useCallback((seo: Partial<ChecklistSeo>) => setChecklistSeo((current) => ({ ...current, ...seo })), []);

  // A task ticked from the keyboard changes a checkbox the cursor is not on; this says so to screen readers.
  const [taskAnnouncement, setTaskAnnouncement] = useState("");
  const { pasteExtension, pasteNotice } = usePasteHandling();
  const editor = useEditor({
    extensions: [
      SelectionSync,
      OffscreenBlocks,
      NativeTyping,
      ...withBlockViews(postExtensions), pasteExtension,
      SlashMenu,
      Placeholder.configure({ placeholder: "Begin writing…" }),
      ImageUpload,
      EditorKeys.configure({ onLinkShortcut: () => setPanel("link"), onTaskToggled: (label, checked) => setTaskAnnouncement(`${label}: ${checked ? "done" : "not done"}`) }),
    ],
    content: post.content,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        "aria-label": "Post body",
        "aria-multiline": "true",
        role: "textbox",
        class: "prose prose-zinc max-w-none min-h-[24rem] px-5 py-4 dark:prose-invert sm:prose-lg",
      },
    },
    shouldRerenderOnTransaction: false,
    // Nothing listens for Tiptap's "delete" events; the extension would still work out what each edit
    // deleted after every keystroke.
    enableCoreExtensions: { delete: false },
    onBeforeCreate: ({ editor: created }) => skipNeedlessFirstRedraw(created, REACT_NODE_VIEW_TYPES),
    onCreate: ({ editor: created }) => {
      savedDoc.current = created.state.doc;
    },
    // A transition: the first keystroke after opening or saving flips "unsaved", which re-renders this
    // whole component (about 6 ms on a long post); that keystroke's own paint need not wait for it.
    onUpdate: ({ editor: updated }) => startDeferredUpdate(() => setBodyDirty(updated.state.doc !== savedDoc.current)),
  });

  const effectiveSlug = slugFollowsTitle && !saved.slugFrozen ? slugify(title) : slug;

  const payload = useCallback(
    () => ({
      id: post.id,
      version: saved.version,
      title,
      slug: slugFollowsTitle && !saved.slugFrozen ? "" : slug,
      customExcerpt: excerpt,
      tags: parseTags(tags),
      content: JSON.stringify(editor?.getJSON() ?? emptyDoc()),
    }),
    [editor, excerpt, post.id, saved, slug, slugFollowsTitle, tags, title],
  );

  const fieldsSnapshot = snapshotOf({ title, slug: slugFollowsTitle && !saved.slugFrozen ? "" : slug, customExcerpt: excerpt, tags: parseTags(tags) });
  // What the fields around the body held at the last save (or the initial load).
  const [baseline, setBaseline] = useState(fieldsSnapshot);
  const dirty = bodyDirty || fieldsSnapshot !== baseline;

  /** The save bar's height, so the formatting toolbar sticks just below it. */
  useLayoutEffect(() => {
    const bar = barRef.current;
    if (!bar) return;
    const observer = new ResizeObserver(() => setBarHeight(bar.offsetHeight));
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);

  const { notice: localDraftNotice } = useLocalDraft({
    postId: post.id,
    version: saved.version,
    editor,
    fields: { title, slug: slugFollowsTitle && !saved.slugFrozen ? "" : slug, customExcerpt: excerpt, tags },
    dirty,
    onRestore: (kept) => {
      setTitle(kept.title);
      if (kept.slug) {
        setSlugFollowsTitle(false);
        setSlug(kept.slug);
      }
      setExcerpt(kept.customExcerpt);
      setTags(kept.tags);
      // Saving a copy made on an older version must meet the conflict check, not overwrite.
      setSaved((current) => ({ ...current, version: kept.baseVersion }));
    },
  });

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    // In-app links and forms (the header, "Sign out") navigate without unloading the page.
    const confirmLeaving = (event: Event) => {
      const target = event.target instanceof Element ? event.target : null;
      // The editor's own forms (link and image panels) and the links inside the text do not navigate.
      const leaving =
        event.type === "submit"
          ? target?.closest("form:not([data-post-editor] form)")
          : target?.closest("a[href]:not([target=_blank]):not(.ProseMirror a)");
      if (!leaving) return;
      if (!window.confirm("You have unsaved changes. Leave without saving them?")) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", warn);
    document.addEventListener("click", confirmLeaving, true);
    document.addEventListener("submit", confirmLeaving, true);
    return () => {
      window.removeEventListener("beforeunload", warn);
      document.removeEventListener("click", confirmLeaving, true);
      document.removeEventListener("submit", confirmLeaving, true);
    };
  }, [dirty]);

  const run = (action: SaveAction, success: (post: EditablePost) => string) => {
    if (!editor) return;
    // The document is serialised here, once per save, never per keystroke.
    const doc = editor.state.doc;
    const input = payload();
    setMessage(null);
    startTransition(async () => {
      // A thrown action (network down, server restarted, request too large) must not reach the error
      // boundary: that would unmount the editor and its unsaved text.
      const result = await action(input).catch(() => null);
      if (!result || !result.ok) {
        setFieldErrors(result?.fieldErrors ?? {});
        if (result?.conflict) openConflict(result.conflict);
        setMessage({ kind: "error", text: result?.error ?? UNREACHABLE });
        return;
      }
      const next = result.data;
      const followsTitle = slugFollowsTitle && !next.slugFrozen;
      setFieldErrors({});
      setSaved({ version: next.version, status: next.status, slug: next.slug, slugFrozen: next.slugFrozen, canDelete: next.canDelete });
      setSlug(next.slug);
      setSlugFollowsTitle(followsTitle);
      // The baseline is what the editor will send from now on, so the slug is the one just stored.
      setBaseline(snapshotOf({ ...input, slug: followsTitle ? "" : next.slug }));
      // Text typed while the request was out is still unsaved.
      savedDoc.current = doc;
      setBodyDirty(editor.state.doc !== doc);
      setSavedAt(new Date());
      setMessage({ kind: "success", text: success(next) });
    });
  };

  const onSave = () => run(save, (p) => (p.status === "PUBLISHED" ? "Updated. Readers see the change now." : "Draft saved."));
  const onPublish = () => run(publish, () => "Published.");
  const onUnpublish = () => run(unpublish, () => "Unpublished: the post is a draft again.");
  const { openConflict, conflictView } = useSaveConflict({
    editor,
    version: saved.version,
    fields: { title, slug: slugFollowsTitle && !saved.slugFrozen ? "" : slug, customExcerpt: excerpt, tags },
    applyVersion: (version, fields) => {
      setSaved((current) => ({ ...current, version }));
      if (!fields) return;
      setTitle(fields.title);
      setSlug(fields.slug);
      setExcerpt(fields.customExcerpt);
      setTags(fields.tags);
      // The other version is what is saved now: nothing is unsaved until the writer changes something.
      if (editor) savedDoc.current = editor.state.doc;
      setBodyDirty(false);
      setMessage(null);
      setBaseline(snapshotOf({ title: fields.title, slug: slugFollowsTitle && !saved.slugFrozen ? "" : fields.slug, customExcerpt: fields.customExcerpt, tags: parseTags(fields.tags) }));
    },
    save: onSave,
  });
  const onDelete = () => {
    if (!window.confirm("Delete this post permanently? This cannot be undone.")) return;
    const input = { id: post.id, version: saved.version };
    startTransition(async () => {
      const result = await remove(input).catch(() => null);
      if (!result || !result.ok) {
        setMessage({ kind: "error", text: result?.error ?? UNREACHABLE });
        return;
      }
      setBaseline(fieldsSnapshot);
      savedDoc.current = editor?.state.doc ?? null;
      setBodyDirty(false);
      router.replace("/admin");
    });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        if (!pending) onSave();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const applyLink = (url: string) => {
    if (!editor) return null;
    if (url.trim() === "") {
      editor.chain().extendMarkRange("link").unsetLink().run();
      focusEditorNow(editor);
      setPanel(null);
      return null;
    }
    const href = linkHrefFromInput(url);
    if (!href) return "Use an http(s) or mailto address (example.com/docs becomes https://example.com/docs), or a path on this site such as /blog/my-post.";
    if (editor.state.selection.empty && !editor.isActive("link")) {
      // Nothing selected: the address itself becomes the linked text.
      editor.chain().insertContent({ type: "text", text: url.trim(), marks: [{ type: "link", attrs: { href } }] }).run();
    } else {
      editor.chain().extendMarkRange("link").setLink({ href }).run();
    }
    focusEditorNow(editor);
    setPanel(null);
    return null;
  };

  const applyImage = (url: string, alt: string) => {
    if (!editor) return null;
    const src = safeImageSrc(url);
    if (!src) return "Use an http(s) image URL or a path on this site.";
    editor.chain().setImage({ src, alt: alt.trim() }).run();
    focusEditorNow(editor);
    setPanel(null);
    return null;
  };

  const closePanel = () => {
    setPanel(null);
    if (editor) focusEditorNow(editor);
  };

  const isPublished = saved.status === "PUBLISHED";
  // zod names array items "tags.0"; show them under the field they belong to.
  const fieldError = (name: string) =>
    Object.entries(fieldErrors).find(([key]) => key === name || key.startsWith(`${name}.`))?.[1]?.[0];

  return (
    <div className="space-y-6" data-post-editor style={{ "--editor-bar-height": `${barHeight}px` } as React.CSSProperties}>
      {/* Sticky, so saving, publishing and their outcome stay in reach at the end of a long post. */}
      <div ref={barRef} className="sticky top-0 z-20 -mx-5 space-y-2 border-b border-zinc-200 bg-zinc-50/95 px-5 py-2 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95">
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
          <Link href="/admin" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
            ← Posts
          </Link>
          <StatusBadge status={saved.status} />
          <span className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite" data-save-state>
            {pending
              ? "Saving…"
              : message?.kind === "error"
                ? "Not saved"
                : dirty
                  ? "Unsaved changes"
                  : savedAt
                    ? `Saved ${timeOf(savedAt)}`
                    : "All changes saved"}
          </span>
        </div>
        <div className="flex flex-wrap gap-2">
          {isPublished && (
            <a href={postPath(saved.slug)} target="_blank" rel="noopener" className="inline-flex items-center rounded-md px-3 py-2 text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              View post
            </a>
          )}
          {saved.canDelete && (
            <Button variant="danger" onClick={onDelete} disabled={pending}>
              Delete
            </Button>
          )}
          {isPublished && post.canPublish && (
            <Button onClick={onUnpublish} disabled={pending}>
              Unpublish
            </Button>
          )}
          <Button onClick={onSave} disabled={pending || !editor} variant={isPublished ? "primary" : "secondary"}>
            {isPublished ? "Update" : "Save draft"}
          </Button>
          {!isPublished && post.canPublish && editor && (
            <PrepublishChecklist
              editor={editor}
              title={title}
              slug={effectiveSlug}
              customExcerpt={excerpt}
              tags={parseTags(tags)}
              seo={checklistSeo}
              focusField={(field) => document.getElementById(`${id}-${field}`)?.focus()}
            />
          )}
          {!isPublished && post.canPublish && (
            <Button variant="primary" onClick={onPublish} disabled={pending || !editor}>
              Publish
            </Button>
          )}
        </div>
      </div>

      <div aria-live="assertive">
        {message?.kind === "error" && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
            {message.text}
          </p>
        )}
      </div>
      {/* aria-live without role="status": the save status stays the page's one status element. */}
      <div aria-live="polite" className="sr-only" data-task-announcement>
        {taskAnnouncement}
      </div>
      <div role="status" className={message?.kind === "success" ? "text-sm text-emerald-800 dark:text-emerald-300" : "sr-only"}>
        {message?.kind === "success" ? message.text : ""}
      </div>
      </div>

      {/* minmax(0, …) and min-w-0: a long code line or the title field's intrinsic width must not widen the page. */}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-4">
          <div>
            <label htmlFor={`${id}-title`} className="sr-only">
              Title
            </label>
            <TitleField id={`${id}-title`} value={title} onChange={setTitle} onEnter={() => editor?.commands.focus("start")} invalid={Boolean(fieldError("title"))} />
            {fieldError("title") && <p className="mt-1 text-sm text-red-700 dark:text-red-400">{fieldError("title")}</p>}
          </div>
          {/* No overflow clipping here: it would stop the toolbar from sticking. */}
          <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
            <div className="sticky top-(--editor-bar-height) z-10 rounded-t-lg bg-white dark:bg-zinc-950">
            {editor && <EditorToolbar editor={editor} onLink={() => setPanel(panel === "link" ? null : "link")} onImage={() => setPanel(panel === "image" ? null : "image")} />}
            {editor && <UploadStatus editor={editor} />}
            {editor && panel === "link" && (
              <UrlPanel
                title="Link"
                urlLabel="Link URL"
                initialUrl={typeof editor.getAttributes("link").href === "string" ? editor.getAttributes("link").href : ""}
                resolve={linkHrefFromInput}
                onApply={applyLink}
                onRemove={editor.isActive("link") ? () => applyLink("") : undefined}
                onClose={closePanel}
              />
            )}
            {editor && panel === "image" && (
              <UrlPanel
                title="Image"
                urlLabel="Image URL"
                withAlt
                onApply={applyImage}
                onClose={closePanel}
              />
            )}
            </div>
            {editor && <TableTools editor={editor} />}
            {editor && <ImageTools editor={editor} />}
            {editor && <BubbleToolbar editor={editor} onLink={() => setPanel("link")} />}
            {conflictView}
            {localDraftNotice}
            {pasteNotice}
            <EditorContent editor={editor} />
            {editor && <WordCount editor={editor} />}
            {!editor && <div className="min-h-[24rem] animate-pulse bg-zinc-50 dark:bg-zinc-900" aria-hidden />}
          </div>
        </div>

        <aside aria-label="Post settings" className="min-w-0 space-y-5 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <div>
            <label htmlFor={`${id}-slug`} className="block text-sm font-medium">
              Slug
            </label>
            <input
              id={`${id}-slug`}
              value={effectiveSlug}
              onChange={(event) => {
                setSlugFollowsTitle(false);
                setSlug(event.target.value.toLowerCase());
              }}
              onBlur={() => setSlug((value) => slugify(value))}
              aria-describedby={`${id}-slug-help`}
              aria-invalid={fieldError("slug") ? true : undefined}
              className={fieldClass}
            />
            <p id={`${id}-slug-help`} className="mt-1 break-all text-xs text-zinc-500 dark:text-zinc-400">
              {fieldError("slug") ?? `/blog/${effectiveSlug || "…"}`}
            </p>
          </div>
          <div>
            <label htmlFor={`${id}-excerpt`} className="block text-sm font-medium">
              Excerpt
            </label>
            <textarea
              id={`${id}-excerpt`}
              value={excerpt}
              onChange={(event) => setExcerpt(event.target.value)}
              rows={4}
              maxLength={500}
              aria-describedby={`${id}-excerpt-help`}
              className={fieldClass}
            />
            <p id={`${id}-excerpt-help`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
              {fieldError("customExcerpt") ?? "Shown in lists and search results. Leave empty to use the start of the post."}
            </p>
          </div>
          <div>
            <label htmlFor={`${id}-tags`} className="block text-sm font-medium">
              Tags
            </label>
            <input id={`${id}-tags`} value={tags} onChange={(event) => setTags(event.target.value)} list={`${id}-tag-list`} aria-describedby={`${id}-tags-help`} className={fieldClass} />
            <datalist id={`${id}-tag-list`}>
              {tagSuggestions.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
            <p id={`${id}-tags-help`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
              {fieldError("tags") ?? "Separate tags with commas; the first is the primary tag."}
            </p>
          </div>
          <ChecklistSeoContext value={reportSeo}>{settings}</ChecklistSeoContext>
        </aside>
      </div>
    </div>
  );
}
