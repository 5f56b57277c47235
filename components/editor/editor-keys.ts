import { Extension, type Editor } from "@tiptap/core";
import { enterAction, indentEdits, outdentEdits, type CodeEdit } from "@/lib/editor/code-indent";

export interface EditorKeysOptions {
  /** Ctrl+K / Cmd+K: open the link form. */
  onLinkShortcut: () => void;
}

/** The code block the selection is in (both ends in the same one), with its text and the selection as offsets. */
function codeBlockAt(editor: Editor) {
  const { $from, $to } = editor.state.selection;
  if ($from.parent.type.name !== "codeBlock" || !$from.sameParent($to)) return null;
  const start = $from.start();
  return { start, text: $from.parent.textContent, from: $from.pos - start, to: $to.pos - start };
}

function applyEdits(editor: Editor, start: number, edits: CodeEdit[]): boolean {
  if (edits.length === 0) return true;
  const { tr } = editor.state;
  for (const edit of edits) {
    if (edit.remove > 0) tr.delete(start + edit.at, start + edit.at + edit.remove);
    if (edit.insert) tr.insertText(edit.insert, start + edit.at);
  }
  editor.view.dispatch(tr.scrollIntoView());
  return true;
}

const inListItem = (editor: Editor) => editor.isActive("listItem");

/**
 * Editor-only keys, ahead of StarterKit's. In code blocks and lists Tab and Shift+Tab always stay in
 * the editor (before, Tab left it for the Slug field and the next keys replaced the slug); elsewhere
 * they move focus as usual, so the editor is no keyboard trap.
 */
export const EditorKeys = Extension.create<EditorKeysOptions>({
  name: "editorKeys",
  priority: 1000,

  addOptions() {
    return { onLinkShortcut: () => {} };
  },

  addKeyboardShortcuts() {
    return {
      Tab: ({ editor }) => {
        const code = codeBlockAt(editor);
        if (code) return applyEdits(editor, code.start, indentEdits(code.text, code.from, code.to));
        if (inListItem(editor)) {
          editor.commands.sinkListItem("listItem");
          return true;
        }
        return false;
      },
      "Shift-Tab": ({ editor }) => {
        const code = codeBlockAt(editor);
        if (code) return applyEdits(editor, code.start, outdentEdits(code.text, code.from, code.to));
        if (inListItem(editor)) {
          editor.commands.liftListItem("listItem");
          return true;
        }
        return false;
      },
      Enter: ({ editor }) => {
        const code = codeBlockAt(editor);
        if (!code || code.from !== code.to) return false;
        const action = enterAction(code.text, code.from);
        if (action.kind === "exit") {
          return editor
            .chain()
            .deleteRange({ from: code.start + action.from, to: code.start + action.to })
            .exitCode()
            .run();
        }
        return applyEdits(editor, code.start, [{ at: code.from, remove: 0, insert: action.insert }]);
      },
      "Mod-k": () => {
        this.options.onLinkShortcut();
        return true;
      },
      // h1 is the post title, so the first three heading shortcuts give the three levels a post has.
      "Mod-Alt-1": ({ editor }) => editor.commands.toggleHeading({ level: 2 }),
      "Mod-Alt-2": ({ editor }) => editor.commands.toggleHeading({ level: 3 }),
      "Mod-Alt-3": ({ editor }) => editor.commands.toggleHeading({ level: 4 }),
    };
  },
});
