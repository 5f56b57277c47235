import { mergeAttributes, Node, type JSONContent } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";

/**
 * A block to insert, followed by an empty paragraph when it replaces one (the line the writer was on),
 * so typing carries on below the block.
 */
export function blockWithLine(parent: PMNode, block: JSONContent): JSONContent | JSONContent[] {
  return parent.type.name === "paragraph" && parent.content.size === 0 ? [block, { type: "paragraph" }] : block;
}

/*
 * Formulas in LaTeX: inline (inside text) and display (a block of its own). The document stores the
 * source only; KaTeX renders it on the server for readers and lazily in the editor's node views
 * (components/editor/math-node-view.tsx). Without a node view the source shows as text.
 */

/** Longest formula kept in a post. */
export const LATEX_MAX = 4000;

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    math: {
      /** Inserts an inline formula at the selection. */
      insertInlineMath: (latex?: string) => ReturnType;
      /** Inserts a display formula as a block at the selection. */
      insertBlockMath: (latex?: string) => ReturnType;
    };
  }
}

const latexAttribute = {
  latex: {
    default: "",
    parseHTML: (element: HTMLElement) => element.getAttribute("data-latex") ?? element.textContent ?? "",
    renderHTML: (attributes: Record<string, unknown>) => ({ "data-latex": typeof attributes.latex === "string" ? attributes.latex : "" }),
  },
};

export const MathInline = Node.create({
  name: "mathInline",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,

  addAttributes: () => latexAttribute,

  parseHTML: () => [{ tag: "span[data-math-inline]" }],

  renderHTML({ node, HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes, { "data-math-inline": "" }), String(node.attrs.latex ?? "")];
  },

  renderText: ({ node }) => String(node.attrs.latex ?? ""),

  addCommands() {
    return {
      insertInlineMath:
        (latex = "") =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { latex } }),
    };
  },
});

export const MathBlock = Node.create({
  name: "mathBlock",
  group: "block",
  atom: true,
  selectable: true,

  addAttributes: () => latexAttribute,

  parseHTML: () => [{ tag: "div[data-math-block]" }],

  renderHTML({ node, HTMLAttributes }) {
    return ["div", mergeAttributes(HTMLAttributes, { "data-math-block": "" }), String(node.attrs.latex ?? "")];
  },

  renderText: ({ node }) => String(node.attrs.latex ?? ""),

  addCommands() {
    return {
      insertBlockMath:
        (latex = "") =>
        ({ commands, state }) =>
          commands.insertContent(blockWithLine(state.selection.$from.parent, { type: this.name, attrs: { latex } })),
    };
  },
});
