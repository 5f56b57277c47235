"use client";

import type { Editor } from "@tiptap/react";
import type { Node as PMNode } from "@tiptap/pm/model";
import { useEffect, useState } from "react";
import { countWords, docToPlaintext, readingMinutes } from "@/lib/editor/doc-text";

/** How long typing must pause before the count is taken again. */
const DEBOUNCE_MS = 400;

const format = new Intl.NumberFormat();

/** Each top-level block's word count, kept with the block (nodes are immutable; edits keep untouched blocks). */
const blockWords = new WeakMap<PMNode, number>();

/**
 * The words in `doc` as readers' pages count them (countWords of docToPlaintext), counting again only
 * the blocks changed since the last call. Block by block gives the same total: docToPlaintext puts a
 * line break before every textblock but the first, so no word runs from one top-level block into the next.
 */
export function docWordCount(doc: PMNode): number {
  let words = 0;
  doc.forEach((block) => {
    let count = blockWords.get(block);
    if (count === undefined) {
      count = countWords(docToPlaintext(block));
      blockWords.set(block, count);
    }
    words += count;
  });
  return words;
}

/**
 * Words and reading time of the body, counted as readers' pages count them (lib/editor/doc.ts), after
 * typing pauses rather than on every keystroke, and then only the blocks changed (docWordCount).
 */
export function WordCount({ editor }: { editor: Editor }) {
  const [words, setWords] = useState(() => docWordCount(editor.state.doc));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setWords(docWordCount(editor.state.doc)), DEBOUNCE_MS);
    };
    editor.on("update", onUpdate);
    return () => {
      clearTimeout(timer);
      editor.off("update", onUpdate);
    };
  }, [editor]);
  return (
    <p className="border-t border-zinc-200 px-5 py-2 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400" data-word-count>
      {format.format(words)} {words === 1 ? "word" : "words"} · {readingMinutes(words)} min read
    </p>
  );
}
