// @vitest-environment happy-dom
import { Node as PMNode } from "@tiptap/pm/model";
import { afterEach, describe, expect, it, vi } from "vitest";
import { docWordCount } from "@/components/editor/word-count";
import { countWords, docToPlaintext, postSchema } from "@/lib/editor/doc";

afterEach(() => vi.restoreAllMocks());

const text = (value: string) => ({ type: "text", text: value });
const paragraph = (...content: Record<string, unknown>[]) => ({ type: "paragraph", content });
const cell = (type: string, value: string) => ({ type, content: [paragraph(text(value))] });

/** Blocks whose text runs up against the next block's, lists and tables of one-word cells, a hard break. */
const post = () =>
  postSchema.nodeFromJSON({
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2 }, content: [text("Title")] },
      paragraph(text("ends-without-space")),
      paragraph(text("starts"), { type: "hardBreak" }, text("after break it's fine")),
      { type: "codeBlock", attrs: { language: "typescript" }, content: [text("const a=1;\nreturn a")] },
      { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("one"))] }, { type: "listItem", content: [paragraph(text("two"))] }] },
      { type: "table", content: [{ type: "tableRow", content: [cell("tableHeader", "head"), cell("tableHeader", "er")] }, { type: "tableRow", content: [cell("tableCell", "a"), cell("tableCell", "b")] }] },
      { type: "image", attrs: { src: "/media/a.png", alt: "alt text is not counted" } },
      paragraph(text("last")),
    ],
  });

describe("docWordCount", () => {
  it("counts as readers' pages count the whole document", () => {
    const doc = post();
    expect(docWordCount(doc)).toBe(countWords(docToPlaintext(doc)));
    expect(docWordCount(doc)).toBeGreaterThan(15);
  });

  it("counts again only the block an edit changed", () => {
    const doc = post();
    docWordCount(doc);
    const last = doc.lastChild!;
    const edited = doc.copy(doc.content.replaceChild(doc.childCount - 1, last.copy(last.content.addToEnd(postSchema.text(" two more")))));
    const read = vi.spyOn(PMNode.prototype, "textBetween");
    expect(docWordCount(edited)).toBe(docWordCount(doc) + 2);
    expect(read.mock.contexts).toEqual([edited.lastChild]);
    read.mockRestore();
    expect(docWordCount(edited)).toBe(countWords(docToPlaintext(edited)));
  });
});
