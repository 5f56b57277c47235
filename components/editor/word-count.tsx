"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useState } from "react";
import { countWords, docToPlaintext, readingMinutes } from "@/lib/editor/doc-text";

/** How long typing must pause before the count is taken again. */
const DEBOUNCE_MS = 400;

const format = new Intl.NumberFormat();

/**
 * Words and reading time of the body, counted as readers' pages count them (lib/editor/doc.ts), after
 * typing pauses rather than on every keystroke: counting walks the whole document.
 */
export function WordCount({ editor }: { editor: Editor }) {
  const [words, setWords] = useState(() => countWords(docToPlaintext(editor.state.doc)));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setWords(countWords(docToPlaintext(editor.state.doc))), DEBOUNCE_MS);
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
