import { Node } from "@tiptap/core";

/*
 * A toggle: a summary line and content hidden until the reader opens it. The node names and structure
 * are those of Tiptap's own Details extension (not published for this Tiptap version), so documents stay
 * compatible if it replaces these. The editor shows every toggle open, as plain blocks: a real <details>
 * inside contenteditable opens and closes on clicks and the space key while the writer types.
 */

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    details: {
      /** Wraps the selected blocks in a toggle whose summary is empty. */
      setDetails: () => ReturnType;
      /** Replaces the toggle around the selection with its summary and content as plain blocks. */
      unsetDetails: () => ReturnType;
    };
  }
}

export const Details = Node.create({
  name: "details",
  group: "block",
  content: "detailsSummary detailsContent",
  defining: true,
  isolating: true,

  parseHTML() {
    return [{ tag: "details" }, { tag: 'div[data-type="details"]' }];
  },

  renderHTML() {
    return ["div", { "data-type": "details", class: "details" }, 0];
  },

  addCommands() {
    return {
      setDetails:
        () =>
        ({ state, chain }) => {
          const range = state.selection.$from.blockRange(state.selection.$to);
          if (!range) return false;
          const slice = state.doc.slice(range.start, range.end);
          const content = slice.content.toJSON() ?? [{ type: "paragraph" }];
          return chain()
            .insertContentAt(
              { from: range.start, to: range.end },
              { type: this.name, content: [{ type: "detailsSummary" }, { type: "detailsContent", content }] },
            )
            .setTextSelection(range.start + 2)
            .run();
        },
      unsetDetails:
        () =>
        ({ state, chain }) => {
          const { $from } = state.selection;
          for (let depth = $from.depth; depth > 0; depth--) {
            const node = $from.node(depth);
            if (node.type.name !== this.name) continue;
            const start = $from.before(depth);
            const summary = node.child(0);
            const body = node.child(1);
            const blocks = [
              ...(summary.content.size > 0 ? [{ type: "paragraph", content: summary.content.toJSON() }] : []),
              ...(body.content.toJSON() ?? []),
            ];
            return chain().insertContentAt({ from: start, to: start + node.nodeSize }, blocks).run();
          }
          return false;
        },
    };
  },
});

export const DetailsSummary = Node.create({
  name: "detailsSummary",
  content: "inline*",
  defining: true,
  selectable: false,

  parseHTML() {
    return [{ tag: "summary" }, { tag: 'div[data-type="detailsSummary"]' }];
  },

  renderHTML() {
    return ["div", { "data-type": "detailsSummary", class: "details-summary" }, 0];
  },

  addKeyboardShortcuts() {
    return {
      // A summary is one line: Enter moves on into the content instead of splitting it.
      Enter: ({ editor }) => {
        const { $from } = editor.state.selection;
        if ($from.parent.type.name !== this.name) return false;
        return editor.commands.setTextSelection($from.after() + 2);
      },
    };
  },
});

export const DetailsContent = Node.create({
  name: "detailsContent",
  content: "block+",
  defining: true,
  selectable: false,

  parseHTML() {
    return [{ tag: 'div[data-type="detailsContent"]' }];
  },

  renderHTML() {
    return ["div", { "data-type": "detailsContent", class: "details-content" }, 0];
  },
});
