"use client";

import type { AnyExtension, Node } from "@tiptap/core";
import { ReactNodeViewRenderer } from "@tiptap/react";
import { codeBlockNodeView } from "@/components/editor/code-block-node-view";
import { codeHighlightPlugin } from "@/components/editor/code-highlight";
import { EmbedNodeView } from "@/components/editor/embed-node-view";
import { MathNodeView } from "@/components/editor/math-node-view";

/**
 * The shared schema's extensions with the editor's node views attached (by extending, so the schema
 * stays exactly the shared one): code blocks with their language and filename fields and highlighting,
 * formulas rendered by KaTeX, embeds as cards.
 */
export function withBlockViews(extensions: readonly AnyExtension[]): AnyExtension[] {
  return extensions.map((extension) => {
    switch (extension.name) {
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
