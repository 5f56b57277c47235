import { getSchema } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { countWords, docToPlaintext, type PostDoc } from "@/lib/editor/doc-text";
import { DomainError } from "@/lib/errors";
import { postExtensions } from "@/lib/editor/extensions";
import { CODE_FILENAME_MAX } from "@/lib/editor/code-languages";
import { EMBED_TITLE_MAX, embedOf } from "@/lib/editor/embeds";
import { IMAGE_CAPTION_MAX, isImageLayout } from "@/lib/editor/image-attrs";
import { FOOTNOTE_ID } from "@/lib/editor/nodes/footnotes";
import { LATEX_MAX } from "@/lib/editor/nodes/math";
import { safeHref, safeImageSrc } from "@/lib/editor/safe-href";

export type { PostDoc } from "@/lib/editor/doc-text";
// Re-exported: the editor's client code imports them from doc-text, which builds no schema.
export { countWords, docToPlaintext, emptyDoc, readingMinutes } from "@/lib/editor/doc-text";

export const postSchema = getSchema(postExtensions);

export const EXCERPT_LENGTH = 280;

const ALLOWED_HEADING_LEVELS = new Set<unknown>([2, 3, 4]);

/**
 * The attributes each node and mark type keeps, by type name; every other attribute a client sends is
 * dropped on write, and dropped again when a stored document is read, so renderers only ever see these
 * (plus the schema's own defaults). One line per type in lib/editor/extensions.ts: doc.test.ts fails for
 * a schema type without an entry here. Values are checked in parsePostDoc where they change meaning
 * (link href, image src, heading level).
 */
export const ALLOWED_ATTRIBUTES = {
  // Nodes
  doc: [],
  paragraph: [],
  text: [],
  hardBreak: [],
  horizontalRule: [],
  blockquote: [],
  heading: ["level"],
  codeBlock: ["language", "filename"],
  bulletList: [],
  orderedList: ["start", "type"],
  listItem: [],
  taskList: [],
  taskItem: ["checked"],
  image: ["src", "alt", "title", "width", "height", "caption", "layout"],
  gallery: [],
  table: [],
  tableRow: [],
  tableCell: ["colspan", "rowspan", "colwidth", "align"],
  tableHeader: ["colspan", "rowspan", "colwidth", "align"],
  details: [],
  detailsSummary: [],
  detailsContent: [],
  callout: ["kind"],
  mathInline: ["latex"],
  mathBlock: ["latex"],
  footnoteReference: ["id"],
  footnotes: [],
  footnote: ["id"],
  embed: ["provider", "id", "title"],
  // Marks: a link is its address only (no target, rel or class from the client; renderers add rel).
  link: ["href"],
  bold: [],
  italic: [],
  strike: [],
  underline: [],
  code: [],
} as const satisfies Record<string, readonly string[]>;

/**
 * How deeply nodes may nest (the document itself is level 1, text the deepest). The editor's deepest real structures (a
 * list in a list in a table cell in a callout) stay under 20; ProseMirror and the renderers recurse
 * once per level, and about a thousand levels overflow the stack.
 */
export const MAX_DOCUMENT_DEPTH = 64;

export interface ParsedPostDoc {
  /** The document as the schema normalises it (unknown attributes dropped). */
  doc: PostDoc;
  plaintext: string;
  /** Text of the paragraphs only (no headings or code), which excerpts are cut from. */
  summary: string;
  wordCount: number;
}

/**
 * Validates untrusted JSON against the editor's own node and mark schema, and derives the plain text.
 * Throws DomainError("INVALID_DOCUMENT") for unknown nodes or marks, content the schema forbids,
 * nesting deeper than MAX_DOCUMENT_DEPTH, unsafe link targets and unsafe image sources, and attribute
 * values outside their node's rules (checkBlockAttributes). Attributes outside ALLOWED_ATTRIBUTES are dropped.
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
    checkBlockAttributes(child);
  });
  const plaintext = docToPlaintext(node);
  // toJSON writes every schema attribute, defaults included; only the allowed ones are stored.
  return { doc: allowedAttributesOnly(node.toJSON()) as PostDoc, plaintext, summary: docToSummary(node), wordCount: countWords(plaintext) };
}

const isOptionalText = (value: unknown, max: number) => value === null || value === undefined || (typeof value === "string" && value.length <= max);

/**
 * The value rules of the blocks' own attributes: an embed is a known provider with an id of that
 * provider's shape, an image layout one of three words, footnote ids short tokens, formulas, captions,
 * filenames and titles bounded strings. Throws DomainError("INVALID_DOCUMENT").
 */
function checkBlockAttributes(node: PMNode): void {
  const fail = (message: string): never => {
    throw new DomainError("INVALID_DOCUMENT", message);
  };
  const { attrs } = node;
  switch (node.type.name) {
    case "embed":
      if (!embedOf(attrs)) fail("Embeds must be YouTube, Vimeo, CodePen or GitHub Gist addresses.");
      if (!isOptionalText(attrs.title, EMBED_TITLE_MAX)) fail(`Embed titles may be up to ${EMBED_TITLE_MAX} characters.`);
      break;
    case "image":
      if (!isImageLayout(attrs.layout)) fail("Image width must be column, wide or full.");
      if (!isOptionalText(attrs.caption, IMAGE_CAPTION_MAX)) fail(`Image captions may be up to ${IMAGE_CAPTION_MAX} characters.`);
      break;
    case "codeBlock":
      if (!isOptionalText(attrs.filename, CODE_FILENAME_MAX)) fail(`Code block filenames may be up to ${CODE_FILENAME_MAX} characters.`);
      if (!isOptionalText(attrs.language, 40)) fail("A code block's language is a short name.");
      break;
    case "mathInline":
    case "mathBlock":
      if (typeof attrs.latex !== "string" || attrs.latex.length > LATEX_MAX) fail(`Formulas are LaTeX text of up to ${LATEX_MAX} characters.`);
      break;
    case "taskItem":
      if (typeof attrs.checked !== "boolean") fail("A task is either done or not: checked is true or false.");
      break;
    case "footnoteReference":
    case "footnote":
      if (typeof attrs.id !== "string" || !FOOTNOTE_ID.test(attrs.id)) fail("Footnotes need an id of letters, digits, - and _.");
      break;
  }
}

/**
 * Builds a ProseMirror node from JSON that was validated on write. The depth limit and the attribute
 * allow-list apply again, so a document stored before either existed can neither overflow a renderer
 * nor bring attributes to it; throws DomainError("INVALID_DOCUMENT") when it is too deep.
 */
export function nodeFromStoredDoc(json: unknown): PMNode {
  return toNode(json);
}

function toNode(json: unknown): PMNode {
  if (typeof json !== "object" || json === null || (json as { type?: unknown }).type !== "doc") {
    throw new DomainError("INVALID_DOCUMENT", "The post body is not a document.");
  }
  // MUST run before nodeFromJSON, which recurses once per level and overflows the stack on deep input.
  const clean = allowedAttributesOnly(json);
  try {
    const node = postSchema.nodeFromJSON(clean);
    node.check();
    return node;
  } catch (error) {
    // ProseMirror's message can quote the content; it stays in the server log.
    console.warn("Rejected post document:", error instanceof Error ? error.message : error);
    throw new DomainError("INVALID_DOCUMENT", "The post body has content the editor does not allow.");
  }
}

/**
 * A copy of raw document JSON with only ALLOWED_ATTRIBUTES on each node and mark, walked without
 * recursion so any depth is safe to inspect. Throws DomainError("INVALID_DOCUMENT") past
 * MAX_DOCUMENT_DEPTH. Shape errors (a missing type, content that is not a list) are left to nodeFromJSON.
 */
function allowedAttributesOnly(json: unknown): unknown {
  const root = { value: json as unknown };
  const stack: { holder: Record<string, unknown>; key: string; depth: number }[] = [{ holder: root, key: "value", depth: 1 }];
  while (stack.length > 0) {
    const { holder, key, depth } = stack.pop()!;
    const raw = holder[key];
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) continue;
    if (depth > MAX_DOCUMENT_DEPTH) {
      throw new DomainError("INVALID_DOCUMENT", `The post body nests blocks more than ${MAX_DOCUMENT_DEPTH} levels deep.`);
    }
    const node = { ...(raw as Record<string, unknown>) };
    holder[key] = node;
    node.attrs = allowedAttrs(node.type, node.attrs);
    if (node.attrs === undefined) delete node.attrs;
    if (Array.isArray(node.marks)) {
      node.marks = node.marks.map((mark: unknown) => {
        if (typeof mark !== "object" || mark === null) return mark;
        const copy = { ...(mark as Record<string, unknown>) };
        copy.attrs = allowedAttrs(copy.type, copy.attrs);
        if (copy.attrs === undefined) delete copy.attrs;
        return copy;
      });
    }
    if (Array.isArray(node.content)) {
      const content = [...(node.content as unknown[])];
      node.content = content;
      for (let i = 0; i < content.length; i++) stack.push({ holder: content as unknown as Record<string, unknown>, key: String(i), depth: depth + 1 });
    }
  }
  return root.value;
}

function allowedAttrs(type: unknown, attrs: unknown): Record<string, unknown> | undefined {
  if (typeof attrs !== "object" || attrs === null) return undefined;
  const allowed: readonly string[] = typeof type === "string" && Object.hasOwn(ALLOWED_ATTRIBUTES, type) ? ALLOWED_ATTRIBUTES[type as keyof typeof ALLOWED_ATTRIBUTES] : [];
  const kept: Record<string, unknown> = {};
  for (const name of allowed) if (Object.hasOwn(attrs, name) && (attrs as Record<string, unknown>)[name] !== undefined) kept[name] = (attrs as Record<string, unknown>)[name];
  return Object.keys(kept).length > 0 ? kept : undefined;
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
