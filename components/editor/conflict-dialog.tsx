"use client";

import type { JSONContent } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import type { Editor } from "@tiptap/react";
import { diffWordsWithSpace } from "diff";
import { useEffect, useId, useRef, useState } from "react";
import type { ConflictingPost } from "@/lib/posts";
import { withTaskMarkers } from "@/lib/editor/nodes/task-list";
import { Button } from "@/components/ui/button";

/** The editor's fields besides the body, as it holds them (tags as typed). */
export interface ConflictFields {
  title: string;
  slug: string;
  customExcerpt: string;
  tags: string;
}

export interface UseSaveConflictOptions {
  editor: Editor | null;
  /** The version the editor's next save is based on. */
  version: number;
  fields: ConflictFields;
  /** Sets the version the next save is based on, and the fields when they are replaced (taking the other version). */
  applyVersion: (version: number, fields: ConflictFields | null) => void;
  /** Saves as the Save button does. */
  save: () => void;
}

interface Version {
  title: string;
  text: string;
}

interface Conflict {
  theirs: ConflictingPost;
  theirsText: string;
  mine: Version & { fields: ConflictFields };
}

/** Text of a document as a reader sees it, a blank line between blocks and each task's state in front of it. */
function readableText(doc: PmNode): string {
  const marked = withTaskMarkers(doc);
  return marked.textBetween(0, marked.content.size, "\n\n", (leaf) => (leaf.type.name === "hardBreak" ? "\n" : leaf.type.name === "image" ? `[image: ${String(leaf.attrs.alt || leaf.attrs.src)}]` : "")).trim();
}

function textOfJson(editor: Editor, content: JSONContent): string {
  try {
    return readableText(editor.schema.nodeFromJSON(content));
  } catch {
    return "(The other version's body could not be read.)";
  }
}

const when = (date: Date) => new Date(date).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * What the editor does when a save meets a newer version saved elsewhere: a dialog compares both (title,
 * excerpt, tags and the body as text, with a word diff) and offers three ways on: keep mine (save over the
 * other, based on its version), take the other (load it into the editor), or merge by hand (the editor
 * keeps my text, the other stays visible beside it, the next save is based on it). Whatever is not in
 * the editor afterwards stays on screen until dismissed, so neither text is lost.
 */
export function useSaveConflict({ editor, version, fields, applyVersion, save }: UseSaveConflictOptions) {
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [reference, setReference] = useState<(Version & { label: string }) | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const resaveFor = useRef<number | null>(null);
  const id = useId();

  useEffect(() => {
    if (conflict && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [conflict]);

  // "Keep mine" saves once the editor's base version is the other one, so the save applies over it.
  useEffect(() => {
    if (resaveFor.current !== null && resaveFor.current === version) {
      resaveFor.current = null;
      save();
    }
  });

  const openConflict = (theirs: ConflictingPost) => {
    if (!editor) return;
    setConflict({
      theirs,
      theirsText: textOfJson(editor, theirs.content),
      mine: { title: fields.title, text: readableText(editor.state.doc), fields },
    });
  };

  const close = () => {
    dialog.current?.close();
    setConflict(null);
  };

  const keepMine = () => {
    if (!conflict) return;
    resaveFor.current = conflict.theirs.version;
    applyVersion(conflict.theirs.version, null);
    close();
  };

  const takeTheirs = () => {
    if (!conflict || !editor) return;
    const { theirs, mine } = conflict;
    editor.commands.setContent(theirs.content, { emitUpdate: true });
    applyVersion(theirs.version, { title: theirs.title, slug: theirs.slug, customExcerpt: theirs.customExcerpt, tags: theirs.tags.join(", ") });
    setReference({ label: "Your version, which you replaced with the other one", title: mine.title, text: mine.text });
    close();
  };

  const mergeByHand = () => {
    if (!conflict) return;
    applyVersion(conflict.theirs.version, null);
    setReference({ label: "The version saved elsewhere", title: conflict.theirs.title, text: conflict.theirsText });
    close();
  };

  const conflictView = (
    <>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-heading`}
        onClose={() => setConflict(null)}
        className="conflict-dialog m-auto max-h-[90vh] w-[min(56rem,calc(100vw-2rem))] overflow-y-auto rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {conflict && (
          <div className="space-y-4 p-5">
            <h2 id={`${id}-heading`} className="text-lg font-semibold">
              This post was changed elsewhere
            </h2>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              Another version was saved at {when(conflict.theirs.updatedAt)} while you were editing, so your save was not applied. Nothing is lost: compare the two, then choose.
            </p>
            <FieldComparison label="Title" mine={conflict.mine.title} theirs={conflict.theirs.title} />
            <FieldComparison label="Excerpt" mine={conflict.mine.fields.customExcerpt} theirs={conflict.theirs.customExcerpt} />
            <FieldComparison label="Tags" mine={conflict.mine.fields.tags} theirs={conflict.theirs.tags.join(", ")} />
            <section aria-labelledby={`${id}-body`}>
              <h3 id={`${id}-body`} className="text-sm font-semibold">
                Body
              </h3>
              <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                <ins className="conflict-mine">Underlined green</ins>: only in your version. <del className="conflict-theirs">Struck-through red</del>: only in the version saved elsewhere.
              </p>
              <BodyDiff theirs={conflict.theirsText} mine={conflict.mine.text} />
            </section>
            <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
              <Button variant="primary" onClick={keepMine}>
                Keep mine and save
              </Button>
              <Button onClick={takeTheirs}>Take the other version</Button>
              <Button onClick={mergeByHand}>Merge by hand</Button>
              <Button variant="ghost" onClick={close}>
                Decide later
              </Button>
            </div>
          </div>
        )}
      </dialog>
      {reference && (
        <section aria-label={reference.label} className="conflict-reference border-b border-zinc-200 bg-zinc-50 px-4 py-3 text-sm dark:border-zinc-800 dark:bg-zinc-900">
          <div className="flex items-start justify-between gap-3">
            <h2 className="font-semibold">{reference.label}</h2>
            <Button variant="ghost" onClick={() => setReference(null)}>
              Hide
            </Button>
          </div>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Copy what you need from it into the editor; the next save is based on the version saved elsewhere.</p>
          <div className="mt-2 max-h-72 overflow-y-auto rounded border border-zinc-200 bg-white p-3 whitespace-pre-wrap dark:border-zinc-700 dark:bg-zinc-950">
            <p className="font-semibold">{reference.title || "(no title)"}</p>
            <div className="mt-2">{reference.text}</div>
          </div>
        </section>
      )}
    </>
  );
  return { openConflict, conflictView };
}

function FieldComparison({ label, mine, theirs }: { label: string; mine: string; theirs: string }) {
  if (mine.trim() === theirs.trim()) return null;
  return (
    <dl className="grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
      <dt className="font-semibold">{label}, yours</dt>
      <dd>{mine || "(empty)"}</dd>
      <dt className="font-semibold">{label}, saved elsewhere</dt>
      <dd>{theirs || "(empty)"}</dd>
    </dl>
  );
}

function BodyDiff({ theirs, mine }: { theirs: string; mine: string }) {
  if (theirs === mine) return <p className="mt-2 text-sm">The bodies are the same.</p>;
  const parts = diffWordsWithSpace(theirs, mine);
  return (
    <div className="conflict-diff mt-2 max-h-[40vh] overflow-y-auto rounded border border-zinc-200 p-3 text-sm whitespace-pre-wrap dark:border-zinc-700" tabIndex={0} role="region" aria-label="Differences in the body">
      {parts.map((part, index) =>
        part.added ? (
          <ins key={index} className="conflict-mine">
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={index} className="conflict-theirs">
            {part.value}
          </del>
        ) : (
          <span key={index}>{part.value}</span>
        ),
      )}
    </div>
  );
}
