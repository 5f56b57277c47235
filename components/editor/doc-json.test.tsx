// @vitest-environment happy-dom
import { Node as PMNode } from "@tiptap/pm/model";
import { afterEach, describe, expect, it, vi } from "vitest";
import { docJson } from "@/components/editor/doc-json";
import { readLocalDraft, writeLocalDraft } from "@/components/editor/local-draft-store";
import { postSchema } from "@/lib/editor/doc";

afterEach(() => {
  vi.restoreAllMocks();
  window.localStorage.clear();
});

const text = (value: string, marks: { type: string; attrs?: Record<string, unknown> }[] = []) => ({ type: "text", text: value, ...(marks.length ? { marks } : {}) });
const paragraph = (...content: Record<string, unknown>[]) => ({ type: "paragraph", content });

/** A post with most kinds of block, marks and attributes, and characters JSON must escape. */
const post = () =>
  postSchema.nodeFromJSON({
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2 }, content: [text("Quotes \" and \\ back\nslashes")] },
      paragraph(text("Plain, "), text("bold", [{ type: "bold" }]), text(" and "), text("a link", [{ type: "link", attrs: { href: "https://example.com/" } }])),
      { type: "codeBlock", attrs: { language: "typescript" }, content: [text("const a = 1;\n  return a;")] },
      { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("one"))] }, { type: "listItem", content: [paragraph(text("two ünïcödé ✓"))] }] },
      { type: "image", attrs: { src: "/media/a.png", alt: "A chart" } },
      paragraph(text("last")),
    ],
  });

describe("docJson", () => {
  it("is exactly JSON.stringify(doc.toJSON()), before and after edits", () => {
    const doc = post();
    expect(docJson(doc)).toBe(JSON.stringify(doc.toJSON()));
    const edited = withLastParagraphExtended(doc);
    expect(docJson(edited)).toBe(JSON.stringify(edited.toJSON()));
    expect(JSON.parse(docJson(edited))).toEqual(edited.toJSON());
  });

  it("serialises again only the blocks an edit changed", () => {
    const doc = post();
    docJson(doc);
    const edited = withLastParagraphExtended(doc);
    const serialised = vi.spyOn(PMNode.prototype, "toJSON");
    expect(docJson(edited)).toBe(JSON.stringify(edited.toJSON()));
    // The call just above serialised the whole document once more: what docJson itself did comes first.
    const byDocJson = serialised.mock.contexts.slice(0, serialised.mock.contexts.length - countNodes(edited));
    expect(byDocJson.filter((node) => (node as PMNode).type.name === "paragraph")).toHaveLength(1);
    expect(byDocJson).not.toContain(doc.firstChild);
  });
});

/** The document with text added to its last paragraph, every other block kept as it was. */
function withLastParagraphExtended(doc: PMNode): PMNode {
  const last = doc.lastChild!;
  return doc.copy(doc.content.replaceChild(doc.childCount - 1, last.copy(last.content.addToEnd(postSchema.text(" more")))));
}

function countNodes(doc: PMNode): number {
  let count = 1;
  doc.descendants(() => {
    count += 1;
    return true;
  });
  return count;
}

describe("the copy kept on this device", () => {
  it("reads back as written, its content the document's JSON", () => {
    const doc = post();
    const fields = { postId: "p1", baseVersion: 3, keptAt: 1_700_000_000_000, title: "T \"q\"", slug: "", customExcerpt: "e", tags: "a, b" };
    expect(writeLocalDraft(fields, docJson(doc))).toBe(true);
    expect(readLocalDraft("p1")).toEqual({ ...fields, content: doc.toJSON() });
  });
});
