import type { Editor, Range } from "@tiptap/core";

/** One block the slash menu can insert. */
export interface SlashItem {
  id: string;
  title: string;
  description: string;
  /** Other words that find it. */
  keywords: string[];
  /** Replaces the typed "/query" (range) with the block; `ui` opens what a block needs first (files, a URL). */
  run: (editor: Editor, range: Range, ui: SlashUi) => void;
}

/** What some blocks ask the writer for before they can be inserted. */
export interface SlashUi {
  pickImages: (multiple: boolean) => void;
  askEmbedUrl: () => void;
}

const chain = (editor: Editor, range: Range) => editor.chain().focus().deleteRange(range);

export const SLASH_ITEMS: SlashItem[] = [
  { id: "paragraph", title: "Text", description: "A plain paragraph", keywords: ["paragraph", "p"], run: (e, r) => chain(e, r).setParagraph().run() },
  { id: "h2", title: "Heading 2", description: "A section heading", keywords: ["h2", "title", "section"], run: (e, r) => chain(e, r).setHeading({ level: 2 }).run() },
  { id: "h3", title: "Heading 3", description: "A subsection heading", keywords: ["h3", "subheading"], run: (e, r) => chain(e, r).setHeading({ level: 3 }).run() },
  { id: "h4", title: "Heading 4", description: "A minor heading", keywords: ["h4"], run: (e, r) => chain(e, r).setHeading({ level: 4 }).run() },
  { id: "bullets", title: "Bullet list", description: "A list with bullets", keywords: ["ul", "unordered", "list"], run: (e, r) => chain(e, r).toggleBulletList().run() },
  { id: "numbers", title: "Numbered list", description: "A list with numbers", keywords: ["ol", "ordered", "list"], run: (e, r) => chain(e, r).toggleOrderedList().run() },
  { id: "tasks", title: "Task list", description: "A checklist; Ctrl+Enter ticks an item", keywords: ["todo", "checkbox", "checklist", "list"], run: (e, r) => chain(e, r).toggleTaskList().run() },
  { id: "quote", title: "Quote", description: "A quotation", keywords: ["blockquote", "citation"], run: (e, r) => chain(e, r).setBlockquote().run() },
  { id: "code", title: "Code block", description: "Code with a language and a filename", keywords: ["pre", "snippet", "program"], run: (e, r) => chain(e, r).setCodeBlock().run() },
  { id: "note", title: "Callout: note", description: "A note set apart from the text", keywords: ["callout", "info", "aside"], run: (e, r) => chain(e, r).setCallout("note").run() },
  { id: "tip", title: "Callout: tip", description: "A tip set apart from the text", keywords: ["callout", "hint"], run: (e, r) => chain(e, r).setCallout("tip").run() },
  { id: "warning", title: "Callout: warning", description: "A warning set apart from the text", keywords: ["callout", "caution", "danger"], run: (e, r) => chain(e, r).setCallout("warning").run() },
  { id: "toggle", title: "Toggle", description: "A summary that opens to show more", keywords: ["details", "collapse", "accordion", "summary"], run: (e, r) => chain(e, r).setDetails().run() },
  { id: "table", title: "Table", description: "A table with a header row", keywords: ["grid", "rows", "columns"], run: (e, r) => chain(e, r).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
  { id: "divider", title: "Divider", description: "A horizontal rule", keywords: ["hr", "rule", "separator", "line"], run: (e, r) => chain(e, r).setHorizontalRule().run() },
  { id: "math", title: "Math block", description: "A display formula in LaTeX", keywords: ["equation", "latex", "katex", "formula", "tex"], run: (e, r) => chain(e, r).insertBlockMath("").run() },
  { id: "math-inline", title: "Inline math", description: "A formula inside the text", keywords: ["equation", "latex", "katex", "formula", "tex"], run: (e, r) => chain(e, r).insertInlineMath("").run() },
  { id: "footnote", title: "Footnote", description: "A numbered note at the end of the post", keywords: ["note", "reference", "citation"], run: (e, r) => chain(e, r).insertFootnote().run() },
  {
    id: "image",
    title: "Image",
    description: "Upload an image",
    keywords: ["picture", "photo", "figure", "upload"],
    run: (e, r, ui) => {
      chain(e, r).run();
      ui.pickImages(false);
    },
  },
  {
    id: "gallery",
    title: "Gallery",
    description: "Upload 2 to 9 images in a grid",
    keywords: ["images", "photos", "grid", "upload"],
    run: (e, r, ui) => {
      chain(e, r).run();
      ui.pickImages(true);
    },
  },
  {
    id: "embed",
    title: "Embed",
    description: "YouTube, Vimeo, CodePen or GitHub Gist",
    keywords: ["video", "youtube", "vimeo", "codepen", "gist", "iframe"],
    run: (e, r, ui) => {
      chain(e, r).run();
      ui.askEmbedUrl();
    },
  },
];

/** The items whose title, id or keywords contain every word of `query`, titles starting with it first. */
export function filterSlashItems(query: string, items: readonly SlashItem[] = SLASH_ITEMS): SlashItem[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  const matches = items.filter((item) => {
    const haystack = [item.title, item.id, ...item.keywords].join(" ").toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const starts = (item: SlashItem) => (item.title.toLowerCase().startsWith(words[0]!) ? 0 : 1);
  return matches.sort((a, b) => starts(a) - starts(b));
}
