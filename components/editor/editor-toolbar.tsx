"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { cn } from "@/lib/utils";
import { BlockInsertButtons } from "@/components/editor/table-tools";
import { ImageUploadButton } from "@/components/editor/image-upload";

export interface EditorToolbarProps {
  editor: Editor;
  onLink: () => void;
  onImage: () => void;
}

interface ToolButtonProps {
  label: string;
  /** In ARIA's notation, e.g. "Control+Alt+1"; shown in the tooltip. */
  shortcut?: string;
  active?: boolean;
  onClick: () => void;
  children: React.ReactNode;
}

function ToolButton({ label, shortcut, active, onClick, children }: ToolButtonProps) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-keyshortcuts={shortcut}
      title={shortcut ? `${label} (${shortcut.replaceAll("Control", "Ctrl").replaceAll("+", " ")})` : label}
      aria-pressed={active}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
      className={cn(
        "min-w-9 shrink-0 rounded px-2 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
        active && "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-white",
      )}
    >
      {children}
    </button>
  );
}

export function EditorToolbar({ editor, onLink, onImage }: EditorToolbarProps) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      code: e.isActive("code"),
      link: e.isActive("link"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      taskList: e.isActive("taskList"),
      blockquote: e.isActive("blockquote"),
      codeBlock: e.isActive("codeBlock"),
    }),
  });
  const chain = () => editor.chain().focus();
  return (
    <div role="toolbar" aria-label="Formatting" className="flex items-center gap-0.5 overflow-x-auto border-b sm:flex-wrap border-zinc-200 px-2 py-1.5 dark:border-zinc-800">
      <ToolButton label="Heading 2" shortcut="Control+Alt+1" active={state.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()}>H2</ToolButton>
      <ToolButton label="Heading 3" shortcut="Control+Alt+2" active={state.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()}>H3</ToolButton>
      <span aria-hidden className="mx-1 h-5 w-px shrink-0 bg-zinc-200 dark:bg-zinc-700" />
      <ToolButton label="Bold" shortcut="Control+B" active={state.bold} onClick={() => chain().toggleBold().run()}><b>B</b></ToolButton>
      <ToolButton label="Italic" shortcut="Control+I" active={state.italic} onClick={() => chain().toggleItalic().run()}><i>I</i></ToolButton>
      <ToolButton label="Inline code" shortcut="Control+E" active={state.code} onClick={() => chain().toggleCode().run()}><code>{"<>"}</code></ToolButton>
      <ToolButton label="Link" shortcut="Control+K" active={state.link} onClick={onLink}>Link</ToolButton>
      <span aria-hidden className="mx-1 h-5 w-px shrink-0 bg-zinc-200 dark:bg-zinc-700" />
      <ToolButton label="Bullet list" shortcut="Control+Shift+8" active={state.bulletList} onClick={() => chain().toggleBulletList().run()}>• List</ToolButton>
      <ToolButton label="Numbered list" shortcut="Control+Shift+7" active={state.orderedList} onClick={() => chain().toggleOrderedList().run()}>1. List</ToolButton>
      <ToolButton label="Task list" shortcut="Control+Shift+9" active={state.taskList} onClick={() => chain().toggleTaskList().run()}>☐ Tasks</ToolButton>
      <ToolButton label="Quote" active={state.blockquote} onClick={() => chain().toggleBlockquote().run()}>Quote</ToolButton>
      <ToolButton label="Code block" shortcut="Control+Alt+C" active={state.codeBlock} onClick={() => chain().toggleCodeBlock().run()}>Code</ToolButton>
      <ToolButton label="Image" onClick={onImage}>Image</ToolButton>
      <ImageUploadButton editor={editor} />
      <BlockInsertButtons editor={editor} />
    </div>
  );
}
