import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import "@/components/editor/offscreen-blocks.css";

/** The class on the top-level blocks the selection is in; offscreen-blocks.css never skips those. */
export const SELECTION_BLOCK_CLASS = "has-selection";

/**
 * Lets Chromium skip the work for blocks of a long post that are off screen (offscreen-blocks.css),
 * except the blocks holding the selection. A block whose rendering is skipped is not laid out until
 * the next frame: typing straight into one (a paragraph just made by Enter) put the caret back before
 * the first letter typed. Marking the selection's blocks in the same transaction that moves the
 * selection keeps every block the browser edits laid out.
 */
export const OffscreenBlocks = Extension.create({
  name: "offscreenBlocks",

  addProseMirrorPlugins() {
    let last: { doc: PMNode; first: number; end: number; set: DecorationSet } | null = null;
    return [
      new Plugin({
        key: new PluginKey("offscreenBlocks"),
        props: {
          decorations: ({ doc, selection }) => {
            const first = doc.resolve(selection.from).index(0);
            const end = Math.min(doc.resolve(selection.to).index(0), doc.childCount - 1);
            if (last && last.doc === doc && last.first === first && last.end === end) return last.set;
            const decorations: Decoration[] = [];
            let pos = 0;
            for (let index = 0; index < doc.childCount; index += 1) {
              const block = doc.child(index);
              if (index >= first && index <= end) decorations.push(Decoration.node(pos, pos + block.nodeSize, { class: SELECTION_BLOCK_CLASS }));
              if (index >= end) break;
              pos += block.nodeSize;
            }
            last = { doc, first, end, set: DecorationSet.create(doc, decorations) };
            return last.set;
          },
        },
      }),
    ];
  },
});
