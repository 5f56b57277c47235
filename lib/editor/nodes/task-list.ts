import { InputRule, wrappingInputRule } from "@tiptap/core";
import { TaskItem, TaskList } from "@tiptap/extension-list";
import type { Node as PMNode, ResolvedPos } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";

/** How long a checkbox's accessible name may be: the start of its item's first line. */
const TASK_LABEL_MAX = 80;

/** The accessible name of a task's checkbox: its first paragraph's text (shortened), or "Empty task". */
export function taskItemLabel(item: PMNode): string {
  const text = (item.firstChild?.textContent ?? "").replace(/\s+/g, " ").trim();
  if (!text) return "Empty task";
  return text.length > TASK_LABEL_MAX ? `${text.slice(0, TASK_LABEL_MAX - 1)}…` : text;
}

/** Whether a stored task item is ticked; anything but `true` reads as not done. */
export const isTaskChecked = (item: PMNode) => item.attrs.checked === true;

/**
 * The document with "[x] " or "[ ] " at the start of each task's first line, for text that compares
 * versions (revision diffs, the conflict dialog): without it, ticking a task changes no text and the
 * comparison shows nothing. Never stored or shown to readers.
 */
export function withTaskMarkers(doc: PMNode): PMNode {
  const markers: { pos: number; text: string }[] = [];
  doc.descendants((node, pos) => {
    // A task item's content starts with a paragraph (the schema's rule): its text begins 2 positions in.
    if (node.type.name === "taskItem") markers.push({ pos: pos + 2, text: isTaskChecked(node) ? "[x] " : "[ ] " });
    return true;
  });
  if (markers.length === 0) return doc;
  const transform = new Transform(doc);
  // From the end, so earlier positions stay where they were.
  for (const { pos, text } of markers.reverse()) transform.insert(pos, doc.type.schema.text(text));
  return transform.doc;
}

/** Depth of the innermost task item around `$pos`, or null. */
function taskItemDepth($pos: ResolvedPos): number | null {
  for (let depth = $pos.depth; depth > 0; depth -= 1) {
    if ($pos.node(depth).type.name === "taskItem") return depth;
  }
  return null;
}

/** "- [ ] " in Markdown: typed as `- ` (a bullet list) and then `[ ] ` or `[x] `. */
const bulletToTaskInput = /^\s*\[([ xX]?)\]\s$/;

/** `[X] ` at the start of a paragraph: Tiptap's own rule knows only the lower-case `[x] `, GitHub reads both. */
const checkedUpperInput = /^\s*(\[X\])\s$/;

/**
 * The checkbox's accessible name in the editor. Not the item's text: Tiptap names it after the text and
 * adds a visually hidden copy of that name, so a screen reader read each item two or three times. The
 * state ("checked") is announced with it, and the text follows.
 */
export const TASK_CHECKBOX_LABEL = "Done";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    postTaskItem: {
      /** Ticks or unticks the task item the cursor is in (the innermost one). */
      toggleTaskChecked: () => ReturnType;
    };
  }
}

/**
 * A checklist item with a `checked` state that readers see (a disabled checkbox) and feeds show (☑/☐).
 * Items nest, like the other lists. Besides Tiptap's rule (`[ ] ` or `[x] ` at the start of a paragraph
 * starts a task list; `[X] ` too, here), `[ ] ` typed in the only item of a new bullet list turns it into
 * a task list, as GitHub's `- [ ] ` reads. toggleTaskChecked ticks the item the cursor is in; the editor binds it to
 * Ctrl+Enter (components/editor/editor-keys.ts), since Tab in the text indents the item instead of reaching
 * its checkbox.
 */
export const PostTaskItem = TaskItem.extend({
  addOptions() {
    return {
      ...this.parent!(),
      nested: true,
      // The editor's node view sets only these and the node's own attributes on its <li>, not renderHTML's data-type.
      HTMLAttributes: { "data-type": "taskItem" },
      a11y: { checkboxLabel: () => TASK_CHECKBOX_LABEL },
    };
  },

  // Tiptap's node view, less the hidden copy of the label inside the <label>: the checkbox's aria-label
  // names it already, and the copy would be read as text of its own.
  addNodeView() {
    const view = this.parent?.();
    if (!view) return null;
    return (props) => {
      const rendered = view(props);
      (rendered.dom as Element).querySelector(":scope > label > span")?.remove();
      return rendered;
    };
  },

  parseHTML() {
    return [
      {
        tag: 'li[data-type="taskItem"]',
        priority: 51,
        // Tiptap's own markup (a copy from another Tiptap editor) holds the content in the <div> after
        // the checkbox's <label>; pasted HTML is flattened by lib/editor/paste/clean-html.ts first.
        contentElement: (element: HTMLElement) => {
          const label = element.querySelector(":scope > label");
          const next = label?.nextElementSibling;
          return next?.tagName === "DIV" ? (next as HTMLElement) : element;
        },
      },
    ];
  },

  addCommands() {
    return {
      ...this.parent?.(),
      toggleTaskChecked:
        () =>
        ({ state, tr, dispatch }) => {
          const depth = taskItemDepth(state.selection.$from);
          if (depth === null) return false;
          const pos = state.selection.$from.before(depth);
          const item = state.selection.$from.node(depth);
          if (dispatch) tr.setNodeMarkup(pos, undefined, { ...item.attrs, checked: !isTaskChecked(item) });
          return true;
        },
    };
  },

  addInputRules() {
    return [
      ...(this.parent?.() ?? []),
      wrappingInputRule({ find: checkedUpperInput, type: this.type, getAttributes: () => ({ checked: true }) }),
      new InputRule({
        find: bulletToTaskInput,
        handler: ({ state, range, match, chain }) => {
          const { $from } = state.selection;
          const item = $from.node(-1);
          const list = $from.node(-2);
          if (!item || !list || item.type.name !== "listItem" || list.type.name !== "bulletList") return null;
          if (list.childCount !== 1 || $from.index(-1) !== 0 || range.from !== $from.start()) return null;
          const checked = match[1]?.toLowerCase() === "x";
          chain().deleteRange(range).toggleTaskList().updateAttributes(this.name, { checked }).run();
        },
      }),
    ];
  },
});

/** The list that holds task items; Ctrl+Shift+9 (Cmd+Shift+9) toggles it. */
export const PostTaskList = TaskList;
