import type { JSONContent } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";

/*
 * The post body's text helpers that need no schema. lib/editor/doc.ts builds the shared schema when it
 * is loaded and re-exports these; the editor's client code imports them from here, so opening the editor
 * does not build a second schema beside the editor's own (nor ship the write-time validation).
 */

export type PostDoc = JSONContent & { type: "doc" };

/** An empty post body. */
export function emptyDoc(): PostDoc {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

/** Text of the document, one line per block, for search, word counts and excerpts. */
export function docToPlaintext(node: PMNode): string {
  return node.textBetween(0, node.content.size, "\n", (leaf) => (leaf.type.name === "hardBreak" ? "\n" : "")).trim();
}

/** Words in a text: runs of letters and digits, with inner apostrophes and hyphens. */
export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu);
  return words ? words.length : 0;
}

/** Minutes to read at 230 words a minute, at least one. */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / 230));
}
