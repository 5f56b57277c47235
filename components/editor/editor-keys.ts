import { Extension, type Editor } from "@tiptap/core";
import { enterAction, indentEdits, outdentEdits, type CodeEdit } from "@/lib/editor/code-indent";
import { isTaskChecked, taskItemLabel } from "@/lib/editor/nodes/task-list";

export interface EditorKeysOptions {
  /** Ctrl+K / Cmd+K: open the link form. */
  onLinkShortcut: () => void;
  /** Ctrl+Enter / Cmd+Enter ticked or unticked a task: its name and new state, for screen readers. */
  onTaskToggled: (label: string, checked: boolean) => void;
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

/** The innermost list item around the cursor, bullet/numbered or task, or null. */
function listItemAt(editor: Editor): "listItem" | "taskItem" | null {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth -= 1) {
    const name = $from.node(depth).type.name;
    if (name === "listItem" || name === "taskItem") return name;
  }
  return null;
}

/**
 * Editor-only keys, ahead of StarterKit's. In code blocks and lists Tab and Shift+Tab always stay in
 * the editor (before, Tab left it for the Slug field and the next keys replaced the slug); elsewhere
 * they move focus as usual, so the editor is no keyboard trap.
 */
export const EditorKeys = Extension.create<EditorKeysOptions>({
  name: "editorKeys",
  priority: 1000,

  addOptions() {
    return { onLinkShortcut: () => {}, onTaskToggled: () => {} };
  },

  addKeyboardShortcuts() {
    return {
      Tab: ({ editor }) => {
        const code = codeBlockAt(editor);
        if (code) return applyEdits(editor, code.start, indentEdits(code.text, code.from, code.to));
        const item = listItemAt(editor);
        if (item) {
          editor.commands.sinkListItem(item);
          return true;
        }
        return false;
      },
      "Shift-Tab": ({ editor }) => {
        const code = codeBlockAt(editor);
        if (code) return applyEdits(editor, code.start, outdentEdits(code.text, code.from, code.to));
        const item = listItemAt(editor);
        if (item) {
          editor.commands.liftListItem(item);
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
      // Ticks the task the cursor is in, without a mouse (Tab indents the item rather than reaching its
      // checkbox). Ahead of StarterKit's hard break; in a code block it keeps that block's meaning.
      "Mod-Enter": ({ editor }) => {
        if (editor.state.selection.$from.parent.type.spec.code || !editor.commands.toggleTaskChecked()) return false;
        const { $from } = editor.state.selection;
        for (let depth = $from.depth; depth > 0; depth -= 1) {
          const node = $from.node(depth);
          if (node.type.name === "taskItem") {
            this.options.onTaskToggled(taskItemLabel(node), isTaskChecked(node));
            break;
          }
        }
        return true;
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
