import { Marked } from "marked";
import { newFootnoteId } from "@/lib/editor/nodes/footnotes";

/**
 * Markdown pasted as plain text (from a text editor, a README, a chat) becomes the blocks it describes
 * instead of literal "##", "-" and fences. marked turns it into HTML, which then takes the same path as
 * pasted HTML: clean-up, then the editor's schema, which drops anything it has no node for.
 */

const BLOCK_SYNTAX = [
  /^#{1,6}\s+\S/m, // heading
  /^\s{0,3}(?:[-*+])\s+\S/m, // bullet list
  /^\s{0,3}\d{1,9}[.)]\s+\S/m, // ordered list
  /^\s{0,3}(?:```|~~~)/m, // fenced code
  /^\s{0,3}>\s?\S/m, // quote
  /^\s*\|?[^|\n]*\|[^\n]*\n\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/m, // table header and separator
  /^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$/m, // rule (after a paragraph it would be a heading underline, still Markdown)
];
const INLINE_SYNTAX = [/\[[^\]\n]+\]\((?:https?:\/\/|mailto:|\/|#)[^)\s]*\)/, /\*\*[^*\n]+\*\*/, /(?:^|\s)`[^`\n]+`(?:\s|[.,;:]|$)/, /^\[\^[^\]]+\]:/m];

/** Whether plain text is written in Markdown: a block marker, or a Markdown link, bold or code span. */
export function looksLikeMarkdown(text: string): boolean {
  return BLOCK_SYNTAX.some((pattern) => pattern.test(text)) || INLINE_SYNTAX.some((pattern) => pattern.test(text));
}

export interface MarkdownHtml {
  html: string;
  /** Footnotes ("[^1]" and "[^1]: …") found, which become the editor's footnotes. */
  footnotes: number;
}

const marked = new Marked({ gfm: true, breaks: false, async: false });

/**
 * Markdown to HTML (GitHub-flavoured: tables, task lists, strikethrough). Footnotes, which marked would
 * read as link definitions, become the editor's footnote references and its list of notes at the end.
 */
export function markdownToHtml(markdown: string): MarkdownHtml {
  const { text, footnotes } = extractFootnotes(markdown.replace(/\r\n?/g, "\n"));
  return { html: marked.parse(text) as string, footnotes };
}

function extractFootnotes(markdown: string): { text: string; footnotes: number } {
  const definitions = new Map<string, string>();
  const withoutDefinitions = markdown.replace(/^\[\^([^\]\s]+)\]:[ \t]*(.*(?:\n(?: {2,}|\t).*)*)$/gm, (_, id: string, body: string) => {
    definitions.set(id, body.replace(/\n\s+/g, " ").trim());
    return "";
  });
  const ids = new Map<string, string>();
  const text = withoutDefinitions.replace(/\[\^([^\]\s]+)\]/g, (whole, id: string) => {
    if (!definitions.has(id)) return whole;
    if (!ids.has(id)) ids.set(id, newFootnoteId());
    return `<sup data-footnote-ref="${ids.get(id)}">[${[...ids.keys()].indexOf(id) + 1}]</sup>`;
  });
  if (ids.size === 0) return { text: markdown, footnotes: 0 };
  const notes = [...ids].map(([id, noteId]) => `<li data-footnote="${noteId}"><p>${marked.parseInline(definitions.get(id) ?? "") as string}</p></li>`).join("");
  return { text: `${text.trimEnd()}\n\n<ol data-footnotes>${notes}</ol>\n`, footnotes: ids.size };
}
