"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { BubbleMenu } from "@tiptap/react/menus";
import { cn } from "@/lib/utils";

export interface BubbleToolbarProps {
  editor: Editor;
  onLink: () => void;
}

const marks = [
  { name: "bold", label: "Bold", shortcut: "Control+B", text: <b>B</b>, run: (e: Editor) => e.chain().focus().toggleBold().run() },
  { name: "italic", label: "Italic", shortcut: "Control+I", text: <i>I</i>, run: (e: Editor) => e.chain().focus().toggleItalic().run() },
  { name: "strike", label: "Strikethrough", shortcut: "Control+Shift+S", text: <s>S</s>, run: (e: Editor) => e.chain().focus().toggleStrike().run() },
  { name: "code", label: "Inline code", shortcut: "Control+E", text: <code>{"<>"}</code>, run: (e: Editor) => e.chain().focus().toggleCode().run() },
] as const;

/** Formatting for selected text, floating above it; not in code blocks, where marks do not apply. */
export function BubbleToolbar({ editor, onLink }: BubbleToolbarProps) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({ bold: e.isActive("bold"), italic: e.isActive("italic"), strike: e.isActive("strike"), code: e.isActive("code"), link: e.isActive("link") }),
  });
  return (
    <BubbleMenu
      editor={editor}
      options={{ placement: "top", offset: 8 }}
      shouldShow={({ state, from, to }) => from !== to && !state.selection.$from.parent.type.spec.code && state.doc.textBetween(from, to).trim() !== ""}
      className="z-30"
    >
      <div role="toolbar" aria-label="Selected text" className="flex gap-0.5 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
      {marks.map((mark) => (
        <button
          key={mark.name}
          type="button"
          aria-label={mark.label}
          aria-pressed={active[mark.name]}
          aria-keyshortcuts={mark.shortcut}
          title={mark.label}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => mark.run(editor)}
          className={cn("min-w-8 rounded px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800", active[mark.name] && "bg-zinc-200 dark:bg-zinc-700")}
        >
          {mark.text}
        </button>
      ))}
      <button
        type="button"
        aria-label="Link"
        aria-pressed={active.link}
        aria-keyshortcuts="Control+K"
        title="Link"
        onMouseDown={(event) => event.preventDefault()}
        onClick={onLink}
        className={cn("rounded px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800", active.link && "bg-zinc-200 dark:bg-zinc-700")}
      >
        Link
      </button>
      </div>
    </BubbleMenu>
  );
}
