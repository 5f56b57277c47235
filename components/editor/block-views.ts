"use client";

import type { AnyExtension, Extension, Node } from "@tiptap/core";
import { ReactNodeViewRenderer } from "@tiptap/react";
import { withCheapAutolink } from "@/components/editor/autolink-gate";
import { codeBlockNodeView } from "@/components/editor/code-block-node-view";
import { codeHighlightPlugin } from "@/components/editor/code-highlight";
import { EmbedNodeView } from "@/components/editor/embed-node-view";
import { MathNodeView } from "@/components/editor/math-node-view";

/** The nodes drawn by React node views (through the mounted <EditorContent>). */
export const REACT_NODE_VIEW_TYPES: ReadonlySet<string> = new Set(["mathInline", "mathBlock", "embed"]);

/**
 * The shared schema's extensions with the editor's node views attached (by extending, so the schema
 * stays exactly the shared one): code blocks with their language and filename fields and highlighting,
 * formulas rendered by KaTeX, embeds as cards; autolinking skipped for plain typing (autolink-gate.ts).
 */
export function withBlockViews(extensions: readonly AnyExtension[]): AnyExtension[] {
  return extensions.map((extension) => {
    switch (extension.name) {
      case "starterKit":
        return withCheapAutolink(extension as Extension);
      case "codeBlock":
        return (extension as Node).extend({
          addNodeView: () => codeBlockNodeView,
          addProseMirrorPlugins() {
            return [...(this.parent?.() ?? []), codeHighlightPlugin()];
          },
        });
      case "mathInline":
      case "mathBlock":
        return (extension as Node).extend({ addNodeView: () => ReactNodeViewRenderer(MathNodeView) });
      case "embed":
        return (extension as Node).extend({ addNodeView: () => ReactNodeViewRenderer(EmbedNodeView) });
      default:
        return extension;
    }
  });
}
