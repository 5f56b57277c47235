"use client";

import type { Editor } from "@tiptap/react";
import type { Node as PMNode } from "@tiptap/pm/model";
import { createContext, useContext, useEffect, useId, useMemo, useState } from "react";
import { prepublishChecklist, type ChecklistField, type ChecklistItem } from "@/lib/posts/prepublish-checklist";
import { cn } from "@/lib/utils";

/** How long typing must pause before the body is checked again (the check walks the whole document). */
const DEBOUNCE_MS = 400;

/** The search settings the checklist reads, reported by the settings panel (saved apart from the post). */
export interface ChecklistSeo {
  metaTitle: string;
  metaDescription: string;
  featureImage: { alt: string } | null;
}

/** Lets the settings panel, rendered inside the editor's sidebar, tell the checklist what it holds. */
export const ChecklistSeoContext = createContext<(seo: Partial<ChecklistSeo>) => void>(() => {});

/** Reports `seo` to the checklist whenever it changes. */
export function useReportChecklistSeo(seo: Partial<ChecklistSeo>) {
  const report = useContext(ChecklistSeoContext);
  const key = JSON.stringify(seo);
  useEffect(() => {
    report(JSON.parse(key) as Partial<ChecklistSeo>);
  }, [key, report]);
}

export interface PrepublishChecklistProps {
  editor: Editor;
  title: string;
  slug: string;
  customExcerpt: string;
  tags: string[];
  seo: ChecklistSeo;
  /** Focuses the editor's own field for a warning. */
  focusField: (field: Exclude<ChecklistField, "body" | "metaDescription">) => void;
}

/** The body, taken again after typing pauses rather than on every keystroke. */
function useSettledDoc(editor: Editor): PMNode {
  const [doc, setDoc] = useState(() => editor.state.doc);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setDoc(editor.state.doc), DEBOUNCE_MS);
    };
    editor.on("update", onUpdate);
    return () => {
      clearTimeout(timer);
      editor.off("update", onUpdate);
    };
  }, [editor]);
  return doc;
}

/**
 * The pre-publish checklist beside Publish: what is worth a look before the post goes out (missing
 * description, images without alt text, no tags, a long title, a made-up slug, skipped heading levels).
 * It warns and never blocks; each item takes the writer to the field or block concerned.
 */
export function PrepublishChecklist({ editor, title, slug, customExcerpt, tags, seo, focusField }: PrepublishChecklistProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const doc = useSettledDoc(editor);
  const items = useMemo(
    () => prepublishChecklist({ title, slug, customExcerpt, tags, doc, metaTitle: seo.metaTitle, metaDescription: seo.metaDescription, featureImage: seo.featureImage }),
    [title, slug, customExcerpt, tags, doc, seo],
  );

  const go = (item: ChecklistItem) => {
    if (item.field === "body") {
      if (item.pos === undefined) return;
      const node = editor.state.doc.nodeAt(item.pos);
      const chain = editor.chain().focus();
      // An image is selected as a node (its alt text field then shows); a heading gets the cursor.
      (node?.isTextblock ? chain.setTextSelection(item.pos + 1) : chain.setNodeSelection(item.pos)).scrollIntoView().run();
      return;
    }
    if (item.field === "metaDescription") {
      document.querySelector<HTMLElement>('[data-settings-field="metaDescription"]')?.focus();
      return;
    }
    focusField(item.field);
  };

  return (
    // Static on phones, so the list is placed against the sticky bar (full width under the buttons) rather
    // than against this button, whose right edge is mid-row there: the list ran off the screen's left edge.
    <div className="sm:relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        onClick={() => setOpen((value) => !value)}
        className={cn(
          "inline-flex items-center rounded-md border px-3 py-2 text-sm font-medium",
          items.length > 0
            ? "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
            : "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
        )}
      >
        Checklist{items.length > 0 ? ` · ${items.length} to review` : " · all clear"}
      </button>
      {open && (
        <div
          id={`${id}-list`}
          role="region"
          aria-label="Before publishing"
          className="absolute inset-x-5 z-30 mt-2 rounded-lg sm:inset-x-auto sm:right-0 sm:w-[min(24rem,calc(100vw-2.5rem))] border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <p className="mb-2 text-xs text-zinc-600 dark:text-zinc-400">Worth a look before readers see it. None of these stops you publishing.</p>
          {items.length === 0 ? (
            <p className="text-emerald-800 dark:text-emerald-300">Nothing to review.</p>
          ) : (
            <ul className="space-y-1">
              {items.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    onClick={() => go(item)}
                    data-checklist-item={item.id}
                    className="w-full rounded px-2 py-1.5 text-left text-zinc-800 hover:bg-amber-50 focus-visible:bg-amber-50 dark:text-zinc-200 dark:hover:bg-amber-950"
                  >
                    <span aria-hidden className="mr-1 text-amber-700 dark:text-amber-400">!</span>
                    {item.message}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
