import { getSchema, type JSONContent } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { DomainError } from "@/lib/errors";
import { postExtensions } from "@/lib/editor/extensions";
import { safeHref, safeImageSrc } from "@/lib/editor/safe-href";

export type PostDoc = JSONContent & { type: "doc" };

export const postSchema = getSchema(postExtensions);

export const EXCERPT_LENGTH = 280;

const ALLOWED_HEADING_LEVELS = new Set<unknown>([2, 3, 4]);

export interface ParsedPostDoc {
  /** The document as the schema normalises it (unknown attributes dropped). */
  doc: PostDoc;
  plaintext: string;
  /** Text of the paragraphs only (no headings or code), which excerpts are cut from. */
  summary: string;
  wordCount: number;
}

/** An empty post body. */
export function emptyDoc(): PostDoc {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

/**
 * Validates untrusted JSON against the editor's own node and mark schema, and derives the plain text.
 * Throws DomainError("INVALID_DOCUMENT") for unknown nodes or marks, content the schema forbids,
 * unsafe link targets and unsafe image sources.
 */
export function parsePostDoc(json: unknown): ParsedPostDoc {
  const node = toNode(json);
  node.descendants((child) => {
    for (const mark of child.marks) {
      if (mark.type.name === "link" && safeHref(mark.attrs.href) === null) {
        throw new DomainError("INVALID_DOCUMENT", "Links may only point to http(s) or mailto addresses, or be relative.");
      }
    }
    // The editor's heading levels only limit its commands; stored documents are checked here.
    if (child.type.name === "heading" && !ALLOWED_HEADING_LEVELS.has(child.attrs.level)) {
      throw new DomainError("INVALID_DOCUMENT", "Headings in the body must be level 2, 3 or 4; the title is the only level 1.");
    }
    if (child.type.name === "image" && safeImageSrc(child.attrs.src) === null) {
      throw new DomainError("INVALID_DOCUMENT", "Images must be http(s) URLs or paths on this site.");
    }
  });
  const plaintext = docToPlaintext(node);
  return { doc: node.toJSON() as PostDoc, plaintext, summary: docToSummary(node), wordCount: countWords(plaintext) };
}

/** Builds a ProseMirror node from JSON that was already validated on write. */
export function nodeFromStoredDoc(json: unknown): PMNode {
  return toNode(json);
}

function toNode(json: unknown): PMNode {
  if (typeof json !== "object" || json === null || (json as { type?: unknown }).type !== "doc") {
    throw new DomainError("INVALID_DOCUMENT", "The post body is not a document.");
  }
  try {
    const node = postSchema.nodeFromJSON(json);
    node.check();
    return node;
  } catch (error) {
    // ProseMirror's message can quote the content; it stays in the server log.
    console.warn("Rejected post document:", error instanceof Error ? error.message : error);
    throw new DomainError("INVALID_DOCUMENT", "The post body has content the editor does not allow.");
  }
}

/** Text of the document, one line per block, for search, word counts and excerpts. */
export function docToPlaintext(node: PMNode): string {
  return node.textBetween(0, node.content.size, "\n", (leaf) => (leaf.type.name === "hardBreak" ? "\n" : "")).trim();
}

/** Paragraph text in document order, joined by spaces; headings and code blocks are left out. */
export function docToSummary(node: PMNode): string {
  const parts: string[] = [];
  node.descendants((child) => {
    if (child.type.name === "paragraph") {
      if (child.textContent.trim()) parts.push(child.textContent.trim());
      return false;
    }
    return child.type.name !== "heading" && child.type.name !== "codeBlock";
  });
  return parts.join(" ");
}

/** Words in a text: runs of letters and digits, with inner apostrophes and hyphens. */
export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu);
  return words ? words.length : 0;
}

/** A reader-facing excerpt: the custom one when given, else the start of `text` cut at a word boundary. */
export function deriveExcerpt(customExcerpt: string | null | undefined, text: string): string {
  const custom = customExcerpt?.trim();
  if (custom) return custom;
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= EXCERPT_LENGTH) return flat;
  const cut = flat.slice(0, EXCERPT_LENGTH + 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${cut.slice(0, lastSpace > EXCERPT_LENGTH / 2 ? lastSpace : EXCERPT_LENGTH).replace(/[\s,.;:!?-]+$/, "")}…`;
}

/** Minutes to read at 230 words a minute, at least one. */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / 230));
}
