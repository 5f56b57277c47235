"use client";

import { NodeViewWrapper, type ReactNodeViewProps } from "@tiptap/react";
import { useId } from "react";
import { EMBED_PROVIDER_NAMES, EMBED_TITLE_MAX, embedOf, embedPageUrl } from "@/lib/editor/embeds";

/**
 * An embed in the editor: a card with the provider, the address and an editable title (what readers
 * see on the placeholder). Nothing is loaded from the provider while writing either.
 */
export function EmbedNodeView({ node, updateAttributes, selected, editor }: ReactNodeViewProps) {
  const id = useId();
  const embed = embedOf(node.attrs);
  const title = typeof node.attrs.title === "string" ? node.attrs.title : "";
  return (
    <NodeViewWrapper className={`embed-card not-prose ${selected ? "outline-2 outline-indigo-500" : ""}`} data-embed-provider={embed?.provider}>
      <p className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">{embed ? EMBED_PROVIDER_NAMES[embed.provider] : "Embed"}</p>
      {embed && <p className="max-w-full truncate font-mono text-xs text-zinc-600 dark:text-zinc-400">{embedPageUrl(embed)}</p>}
      <div contentEditable={false} className="w-full max-w-sm">
        <label htmlFor={`${id}-title`} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
          Title shown to readers
        </label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={EMBED_TITLE_MAX}
          disabled={!editor.isEditable}
          onChange={(event) => updateAttributes({ title: event.target.value })}
          className="mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950"
        />
      </div>
    </NodeViewWrapper>
  );
}
