import type { Node as PMNode } from "@tiptap/pm/model";

/**
 * Each top-level block's JSON, kept with the block. Nodes are immutable and a transaction keeps the
 * blocks it did not touch, so serialising a long post again after an edit re-serialises only the blocks
 * the edit changed; the rest are joined as they were.
 */
const blockJson = new WeakMap<PMNode, string>();

/**
 * The document as JSON text, exactly `JSON.stringify(doc.toJSON())` (what `editor.getJSON()` gives), at
 * the cost of the blocks changed since the last call rather than of the whole post.
 */
export function docJson(doc: PMNode): string {
  // The shape assembled below is a doc node with content only; anything else is serialised whole.
  if (Object.keys(doc.attrs).length > 0 || doc.marks.length > 0 || doc.childCount === 0) return JSON.stringify(doc.toJSON());
  const parts: string[] = [];
  doc.forEach((block) => {
    let json = blockJson.get(block);
    if (json === undefined) {
      json = JSON.stringify(block.toJSON());
      blockJson.set(block, json);
    }
    parts.push(json);
  });
  return `{"type":${JSON.stringify(doc.type.name)},"content":[${parts.join(",")}]}`;
}
