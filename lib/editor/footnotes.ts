import type { Node as PMNode } from "@tiptap/pm/model";
import { FOOTNOTE_ID } from "@/lib/editor/nodes/footnotes";

/*
 * Footnote numbers for renderers: a note's number is the order of its first reference in the text.
 * Notes nobody references are not shown, and references to a missing note show no number, so a
 * document edited outside the editor still renders consistently.
 */

export interface FootnoteIndex {
  /** The number of each shown note, by id. */
  numbers: Map<string, number>;
  /** The notes to list, in number order. */
  notes: { id: string; number: number; node: PMNode }[];
  /** The element id of each reference (the first is `fnref-<id>`, later ones `fnref-<id>-2`…), by node. */
  referenceIds: Map<PMNode, string>;
}

/** Numbers, notes and reference anchors of a document's footnotes. */
export function indexFootnotes(root: PMNode): FootnoteIndex {
  const definitions = new Map<string, PMNode>();
  root.descendants((node) => {
    if (node.type.name === "footnote" && typeof node.attrs.id === "string" && FOOTNOTE_ID.test(node.attrs.id) && !definitions.has(node.attrs.id)) {
      definitions.set(node.attrs.id, node);
    }
    return node.type.name !== "footnote";
  });
  const numbers = new Map<string, number>();
  const counts = new Map<string, number>();
  const referenceIds = new Map<PMNode, string>();
  root.descendants((node) => {
    if (node.type.name !== "footnoteReference") return node.type.name !== "footnotes";
    const id = node.attrs.id;
    if (typeof id !== "string" || !definitions.has(id)) return false;
    if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
    const seen = (counts.get(id) ?? 0) + 1;
    counts.set(id, seen);
    referenceIds.set(node, seen === 1 ? `fnref-${id}` : `fnref-${id}-${seen}`);
    return false;
  });
  const notes = [...numbers].map(([id, number]) => ({ id, number, node: definitions.get(id)! }));
  return { numbers, notes, referenceIds };
}
