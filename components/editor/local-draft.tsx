"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { docJson } from "@/components/editor/doc-json";
import { readLocalDraft, removeLocalDraft, writeLocalDraft, type LocalDraft } from "@/components/editor/local-draft-store";
import { Button } from "@/components/ui/button";

/** The editor's fields besides the body, as the editor holds them (tags as typed). */
export interface DraftFields {
  title: string;
  slug: string;
  customExcerpt: string;
  tags: string;
}

export interface UseLocalDraftOptions {
  postId: string;
  /** The server version the editor's next save is based on. */
  version: number;
  editor: Editor | null;
  fields: DraftFields;
  /** Whether anything differs from what the server has. */
  dirty: boolean;
  /** Puts a kept copy's fields and base version back into the editor (the body is restored here). */
  onRestore: (draft: LocalDraft) => void;
}

/** How long typing may pause before the copy on this device is brought up to date. */
const KEEP_DELAY_MS = 500;

const sameFields = (a: DraftFields, b: DraftFields) => a.title === b.title && a.slug === b.slug && a.customExcerpt === b.customExcerpt && a.tags === b.tags;

const timeOf = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * Keeps the editor's unsaved changes on this device (debounced while typing, at once when the page is
 * hidden or closed) and removes them once saved. When the editor opens on a post with a kept copy that
 * differs from the server's, it offers the copy back: restore or discard. Returns the notice to show.
 */
export function useLocalDraft({ postId, version, editor, fields, dirty, onRestore }: UseLocalDraftOptions) {
  // Whether this device was checked for a kept copy yet, and the copy on offer.
  const [{ checked, offer }, setKept] = useState<{ checked: boolean; offer: LocalDraft | null }>({ checked: false, offer: null });
  const [failed, setFailed] = useState(false);
  // Handlers registered once read the latest values here.
  const latest = useRef({ version, fields, dirty, checked, offer });
  useLayoutEffect(() => {
    latest.current = { version, fields, dirty, checked, offer };
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keepRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (!editor || checked) return;
    const kept = readLocalDraft(postId);
    const same = kept !== null && sameFields(kept, latest.current.fields) && JSON.stringify(kept.content) === docJson(editor.state.doc);
    if (same) removeLocalDraft(postId);
    setKept({ checked: true, offer: same ? null : kept });
  }, [editor, checked, postId]);

  useEffect(() => {
    if (!editor) return;
    /** Brings the kept copy up to date now; never while a kept copy is still on offer (it would be overwritten). */
    const keep = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      const { version: base, fields: current, dirty: unsaved, checked: ready, offer: pending } = latest.current;
      if (!ready || pending) return;
      if (!unsaved) {
        removeLocalDraft(postId);
        return;
      }
      setFailed(!writeLocalDraft({ postId, baseVersion: base, keptAt: Date.now(), ...current }, docJson(editor.state.doc)));
    };
    const schedule = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(keep, KEEP_DELAY_MS);
    };
    const onHidden = () => {
      if (document.visibilityState === "hidden") keep();
    };
    editor.on("update", schedule);
    window.addEventListener("pagehide", keep);
    document.addEventListener("visibilitychange", onHidden);
    keepRef.current = schedule;
    return () => {
      editor.off("update", schedule);
      window.removeEventListener("pagehide", keep);
      document.removeEventListener("visibilitychange", onHidden);
      // Leaving the editor inside the app: whatever is pending is kept now.
      if (timer.current) keep();
    };
  }, [editor, postId]);

  // Field edits, a save (dirty turns false: the copy is removed) and a restore all bring the copy up to date.
  useEffect(() => {
    if (checked && !offer) keepRef.current();
  }, [checked, offer, dirty, fields.title, fields.slug, fields.customExcerpt, fields.tags, version]);

  const restore = () => {
    if (!offer || !editor) return;
    onRestore(offer);
    editor.chain().setContent(offer.content, { emitUpdate: true }).focus("end").run();
    setKept({ checked: true, offer: null });
  };

  const discard = () => {
    removeLocalDraft(postId);
    setKept({ checked: true, offer: null });
  };

  const notice = (
    <>
      {offer && (
        <section aria-labelledby="local-draft-heading" className="local-draft-offer border-b border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100">
          <h2 id="local-draft-heading" className="font-semibold">
            Unsaved changes were kept on this device
          </h2>
          <p className="mt-1">
            From {timeOf(offer.keptAt)}
            {offer.title ? <>, titled “{offer.title}”</> : null}. They were never saved to the server.
            {offer.baseVersion < version && " The post has been saved since then, possibly by someone else: if you restore your copy, saving it will show you both versions to compare."}
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button variant="primary" onClick={restore}>
              Restore my changes
            </Button>
            <Button onClick={discard}>Discard them</Button>
          </div>
        </section>
      )}
      {failed && (
        <p role="alert" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
          This browser would not keep a copy of your changes on this device (storage is full or turned off). Save often.
        </p>
      )}
    </>
  );
  return { notice };
}
