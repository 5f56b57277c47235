/**
 * Tiny typed builders for Tiptap 3 (ProseMirror) JSON, covering exactly the
 * node and mark types of StarterKit + Image that the demo content uses.
 * Every helper refuses to create an empty text node.
 */

export type SimpleMark = { type: "bold" | "italic" | "code" | "strike" };
export type LinkMark = { type: "link"; attrs: { href: string } };
export type Mark = SimpleMark | LinkMark;

export type TextNode = { type: "text"; text: string; marks?: Mark[] };
export type HardBreakNode = { type: "hardBreak" };
export type InlineNode = TextNode | HardBreakNode;
/** Inline argument: a plain string becomes an unmarked text node. */
export type Inline = string | InlineNode;

export type ParagraphNode = { type: "paragraph"; content?: InlineNode[] };
export type HeadingNode = { type: "heading"; attrs: { level: 2 | 3 | 4 }; content: InlineNode[] };
export type ListItemNode = { type: "listItem"; content: [ParagraphNode, ...BlockNode[]] };
export type BulletListNode = { type: "bulletList"; content: ListItemNode[] };
export type OrderedListNode = { type: "orderedList"; attrs: { start: number }; content: ListItemNode[] };
export type BlockquoteNode = { type: "blockquote"; content: ParagraphNode[] };
export type CodeBlockNode = { type: "codeBlock"; attrs: { language: string }; content: [TextNode] };
export type HorizontalRuleNode = { type: "horizontalRule" };
export type ImageNode = { type: "image"; attrs: { src: string; alt: string; title: string | null } };
export type BlockNode = ParagraphNode | HeadingNode | BulletListNode | OrderedListNode | BlockquoteNode
  | CodeBlockNode | HorizontalRuleNode | ImageNode;
export type DocNode = { type: "doc"; content: BlockNode[] };

function textNode(text: string, marks: Mark[] = []): TextNode {
  if (text.length === 0) throw new Error("builders: empty text node");
  return marks.length > 0 ? { type: "text", text, marks } : { type: "text", text };
}

const SAFE_URL = /^(https:\/\/|mailto:|\/(?!\/))/;
function safeUrl(url: string, where: string): string {
  if (!SAFE_URL.test(url)) throw new Error(`builders: ${where} rejects unsafe URL "${url}"`);
  return url;
}

export const text = (s: string): TextNode => textNode(s);
export const b = (s: string): TextNode => textNode(s, [{ type: "bold" }]);
export const i = (s: string): TextNode => textNode(s, [{ type: "italic" }]);
export const code = (s: string): TextNode => textNode(s, [{ type: "code" }]);
export const strike = (s: string): TextNode => textNode(s, [{ type: "strike" }]);
export const br = (): HardBreakNode => ({ type: "hardBreak" });
/** Link with plain label; href must be https:, mailto: or a site-relative path. */
export const link = (label: string, href: string): TextNode =>
  textNode(label, [{ type: "link", attrs: { href: safeUrl(href, "link") } }]);

// Empty strings are dropped so they never become empty text nodes.
const inlines = (parts: Inline[]): InlineNode[] =>
  parts.flatMap((part) => (typeof part === "string" ? (part === "" ? [] : [textNode(part)]) : [part]));

export function p(...parts: Inline[]): ParagraphNode {
  const content = inlines(parts);
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
}

function heading(level: 2 | 3 | 4, parts: Inline[]): HeadingNode {
  const content = inlines(parts);
  if (content.length === 0) throw new Error("builders: empty heading");
  return { type: "heading", attrs: { level }, content };
}
export const h2 = (...parts: Inline[]) => heading(2, parts);
export const h3 = (...parts: Inline[]) => heading(3, parts);
export const h4 = (...parts: Inline[]) => heading(4, parts);

/** List item: consecutive inline args are grouped into paragraphs; blocks (e.g. nested lists) pass through. */
export function li(...parts: (Inline | BlockNode)[]): ListItemNode {
  const blocks: BlockNode[] = [];
  let pending: Inline[] = [];
  const flush = () => {
    if (pending.length > 0) blocks.push(p(...pending));
    pending = [];
  };
  for (const part of parts) {
    if (typeof part === "string" || part.type === "text" || part.type === "hardBreak") pending.push(part);
    else {
      flush();
      blocks.push(part);
    }
  }
  flush();
  const [first, ...rest] = blocks;
  if (!first || first.type !== "paragraph") throw new Error("builders: listItem must start with a paragraph");
  return { type: "listItem", content: [first, ...rest] };
}

const items = (entries: Entry[]): ListItemNode[] => {
  if (entries.length === 0) throw new Error("builders: empty list");
  return entries.map((entry) => (typeof entry === "string" ? li(entry) : entry));
};
type Entry = ListItemNode | string;
export const ul = (...entries: Entry[]): BulletListNode => ({ type: "bulletList", content: items(entries) });
export const olFrom = (start: number, ...entries: Entry[]): OrderedListNode => ({
  type: "orderedList", attrs: { start }, content: items(entries),
});
export const ol = (...entries: Entry[]): OrderedListNode => olFrom(1, ...entries);

export function quote(...paras: (ParagraphNode | string)[]): BlockquoteNode {
  if (paras.length === 0) throw new Error("builders: empty blockquote");
  return { type: "blockquote", content: paras.map((para) => (typeof para === "string" ? p(para) : para)) };
}

/** Code block; the source is dedented and leading/trailing blank lines are trimmed. */
export function codeBlock(language: string, source: string): CodeBlockNode {
  const lines = source.replace(/\t/g, "  ").split("\n");
  while (lines.length > 0 && lines[0]!.trim() === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  const indents = lines.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  const body = lines.map((l) => l.slice(cut).trimEnd()).join("\n");
  return { type: "codeBlock", attrs: { language }, content: [textNode(body)] };
}

export const hr = (): HorizontalRuleNode => ({ type: "horizontalRule" });
export const image = (src: string, alt: string, title: string | null = null): ImageNode => ({
  type: "image",
  attrs: { src: safeUrl(src, "image"), alt, title },
});

export function doc(...blocks: BlockNode[]): DocNode {
  if (blocks.length === 0) throw new Error("builders: empty document");
  return { type: "doc", content: blocks };
}
