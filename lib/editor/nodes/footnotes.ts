import { mergeAttributes, Node } from "@tiptap/core";
import type { Node as PMNode, NodeType } from "@tiptap/pm/model";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { singleTextEdit } from "@/lib/editor/text-edit";

/*
 * Footnotes: an inline reference in the text and, at the end of the document, one list holding each
 * note's content. Both sides carry the note's id; numbers are never stored but follow the order of the
 * references (lib/editor/footnotes.ts), so moving text renumbers. The editor keeps the list in step
 * with the references (footnoteSync): one note per referenced id, in reference order, none unreferenced.
 */

/** What a footnote id looks like. */
export const FOOTNOTE_ID = /^[A-Za-z0-9_-]{1,64}$/;

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    footnotes: {
      /** Inserts a reference to a new footnote at the selection and moves the cursor into the note. */
      insertFootnote: () => ReturnType;
    };
  }
}

/** A random footnote id. */
export function newFootnoteId(): string {
  return `fn${Math.random().toString(36).slice(2, 10)}`;
}

const idAttribute = (attribute: string) => ({
  id: {
    default: null,
    parseHTML: (element: HTMLElement) => element.getAttribute(attribute),
    renderHTML: (attributes: Record<string, unknown>) => ({ [attribute]: attributes.id }),
  },
});

export const FootnoteReference = Node.create({
  name: "footnoteReference",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,

  addAttributes: () => idAttribute("data-footnote-ref"),

  parseHTML: () => [{ tag: "sup[data-footnote-ref]" }],

  // The number is drawn by CSS counters in the editor; readers get real numbers.
  renderHTML: ({ HTMLAttributes }) => ["sup", mergeAttributes(HTMLAttributes, { class: "footnote-ref" })],

  addCommands() {
    return {
      insertFootnote:
        () =>
        ({ state, dispatch }) => {
          const reference = state.schema.nodes.footnoteReference;
          if (!reference || !state.selection.$from.parent.inlineContent) return false;
          if (!dispatch) return true;
          const id = newFootnoteId();
          const tr = state.tr.replaceSelectionWith(reference.create({ id }), false);
          const synced = syncFootnotes(tr.doc, state.schema.nodes, tr);
          // The cursor goes into the new note, ready for its text.
          let notePos: number | null = null;
          synced.doc.descendants((node, pos) => {
            if (notePos === null && node.type.name === "footnote" && node.attrs.id === id) notePos = pos + 2;
            return notePos === null;
          });
          if (notePos !== null) synced.setSelection(TextSelection.near(synced.doc.resolve(notePos)));
          dispatch(synced.scrollIntoView());
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("footnoteSync"),
        appendTransaction: (transactions, old, state: EditorState) => {
          if (!transactions.some((tr) => tr.docChanged)) return null;
          const listIndex = inSync.get(old.doc);
          if (listIndex !== undefined && leavesFootnotesAlone(transactions, listIndex)) {
            inSync.set(state.doc, listIndex);
            return null;
          }
          const tr = syncFootnotes(state.doc, state.schema.nodes, state.tr);
          if (tr.docChanged) return tr.setMeta("addToHistory", false);
          inSync.set(state.doc, footnotesListIndex(state.doc));
          return null;
        },
      }),
    ];
  },
});

/**
 * Documents the editor's footnoteSync found in step, each with the index of its footnotes list among the
 * top-level blocks (-1: none). A keystroke's edit of text that cannot change what the sync looks at keeps
 * the next document in step without walking every block again.
 */
const inSync = new WeakMap<PMNode, number>();

/** The index of the footnotes list of a document in step: the last block before any trailing empty paragraphs, or -1. */
function footnotesListIndex(doc: PMNode): number {
  for (let index = doc.childCount - 1; index >= 0; index--) {
    const child = doc.child(index);
    if (child.type.name === "footnotes") return index;
    if (child.type.name !== "paragraph" || child.content.size > 0) return -1;
  }
  return -1;
}

/**
 * Whether the transactions are a single step of plain text typed or deleted inside one textblock, with no
 * reference among what it deletes, in a block at or before the footnotes list: the references, the notes
 * and the trailing empty paragraphs (which the list must precede) are then what they were. Typing in a
 * paragraph after the list is left to the sync: it stops being a trailing empty one.
 */
function leavesFootnotesAlone(transactions: readonly Transaction[], listIndex: number): boolean {
  const edit = singleTextEdit(transactions);
  if (!edit) return false;
  const { $from } = edit;
  if (listIndex >= 0 && $from.index(0) > listIndex) return false;
  let onlyText = true;
  $from.parent.nodesBetween($from.parentOffset, $from.parentOffset + edit.replaced, (node) => {
    if (!node.isText) onlyText = false;
    return false;
  });
  return onlyText;
}

/**
 * The reference ids inside each top-level block, by block. Nodes are immutable and a transaction keeps
 * the blocks it did not touch, so the editor's footnoteSync (run on every keystroke) walks only the
 * block being typed in rather than the whole document.
 */
const idsByBlock = new WeakMap<PMNode, readonly string[]>();

function idsInBlock(block: PMNode): readonly string[] {
  let ids = idsByBlock.get(block);
  if (!ids) {
    const found: string[] = [];
    block.descendants((node) => {
      if (node.type.name === "footnoteReference" && typeof node.attrs.id === "string") found.push(node.attrs.id);
      return true;
    });
    ids = found;
    idsByBlock.set(block, ids);
  }
  return ids;
}

/** Ids of the footnote references in document order, each once. */
export function referencedFootnoteIds(doc: PMNode): string[] {
  const ids = new Set<string>();
  doc.forEach((block) => {
    if (block.type.name === "footnoteReference" && typeof block.attrs.id === "string") ids.add(block.attrs.id);
    for (const id of idsInBlock(block)) ids.add(id);
  });
  return [...ids];
}

/**
 * Rewrites the document's footnotes list (on `tr`) so it holds exactly one note per referenced id, in
 * reference order, at the end of the document (before any trailing empty paragraphs): existing notes keep their content, missing ones are
 * created empty, unreferenced ones go. No change when the list already matches.
 */
export function syncFootnotes(doc: PMNode, nodes: Record<string, NodeType>, tr: Transaction): Transaction {
  const listType = nodes.footnotes;
  const noteType = nodes.footnote;
  const paragraph = nodes.paragraph;
  if (!listType || !noteType || !paragraph) return tr;
  const ids = referencedFootnoteIds(doc);
  const notes = new Map<string, PMNode>();
  const lists: { pos: number; node: PMNode }[] = [];
  doc.forEach((node, pos) => {
    if (node.type !== listType) return;
    lists.push({ pos, node });
    node.forEach((note) => {
      if (typeof note.attrs.id === "string" && !notes.has(note.attrs.id)) notes.set(note.attrs.id, note);
    });
  });
  const wanted = ids.map((id) => notes.get(id) ?? noteType.create({ id }, paragraph.create()));
  // Empty paragraphs may follow the list: the editor keeps one at the end to type in.
  let end = doc.content.size;
  for (let i = doc.childCount - 1; i >= 0; i--) {
    const child = doc.child(i);
    if (child.type !== paragraph || child.content.size > 0) break;
    end -= child.nodeSize;
  }
  const last = lists.at(-1);
  const inPlace =
    lists.length === (wanted.length > 0 ? 1 : 0) &&
    (!last || (last.pos + last.node.nodeSize === end && last.node.childCount === wanted.length && wanted.every((note, i) => last.node.child(i) === note)));
  if (inPlace) return tr;
  // Positions are in `doc`, which is tr.doc now: only steps added from here on move them.
  const from = tr.steps.length;
  const map = (pos: number, assoc = 1) => tr.mapping.slice(from).map(pos, assoc);
  for (const list of [...lists].reverse()) tr.delete(map(list.pos), map(list.pos + list.node.nodeSize));
  if (wanted.length > 0) tr.insert(map(end, -1), listType.create(null, wanted));
  return tr;
}

export const Footnotes = Node.create({
  name: "footnotes",
  group: "block",
  content: "footnote+",
  isolating: true,
  selectable: false,
  draggable: false,

  parseHTML: () => [{ tag: "ol[data-footnotes]", priority: 60 }],

  renderHTML: ({ HTMLAttributes }) => ["ol", mergeAttributes(HTMLAttributes, { "data-footnotes": "", class: "footnotes" }), 0],
});

export const Footnote = Node.create({
  name: "footnote",
  content: "paragraph+",
  defining: true,
  isolating: true,
  selectable: false,

  addAttributes: () => idAttribute("data-footnote"),

  parseHTML: () => [{ tag: "li[data-footnote]", priority: 60 }],

  renderHTML: ({ HTMLAttributes }) => ["li", HTMLAttributes, 0],
});
