import { describe, expect, it } from "vitest";
import { nodeFromStoredDoc, parsePostDoc, postSchema } from "@/lib/editor/doc";
import { indexFootnotes } from "@/lib/editor/footnotes";
import { syncFootnotes } from "@/lib/editor/nodes/footnotes";
import { DomainError } from "@/lib/errors";
import { EditorState } from "@tiptap/pm/state";

type Json = Record<string, unknown>;

const text = (value: string): Json => ({ type: "text", text: value });
const paragraph = (...content: Json[]): Json => ({ type: "paragraph", ...(content.length ? { content } : {}) });
const doc = (...content: Json[]): Json => ({ type: "doc", content });
const image = (extra: Json = {}): Json => ({ type: "image", attrs: { src: "/images/a.png", alt: "A", ...extra } });
const embed = (attrs: Json): Json => ({ type: "embed", attrs });
const ref = (id: string): Json => ({ type: "footnoteReference", attrs: { id } });
const note = (id: string, value: string): Json => ({ type: "footnote", attrs: { id }, content: [paragraph(text(value))] });
const notes = (...items: Json[]): Json => ({ type: "footnotes", content: items });

function expectInvalid(json: unknown) {
  let error: unknown;
  try {
    parsePostDoc(json);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: "INVALID_DOCUMENT" });
}

describe("block attributes on write", () => {
  it("keeps a valid embed's provider, id and title, and drops anything else sent with it", () => {
    const parsed = parsePostDoc(doc(embed({ provider: "youtube", id: "dQw4w9WgXcQ", title: "A talk", src: "https://evil.example", html: "<script>" })));
    expect(parsed.doc.content?.[0]).toEqual({ type: "embed", attrs: { provider: "youtube", id: "dQw4w9WgXcQ", title: "A talk" } });
  });

  it.each([
    { provider: "iframe", id: "dQw4w9WgXcQ" },
    { provider: "youtube", id: "https://evil.example/x" },
    { provider: "youtube", id: "dQw4w9WgXc" },
    { provider: "vimeo", id: "abc" },
    { provider: "codepen", id: "../../x" },
    { provider: "gist", id: "octocat/xyz" },
    { provider: "youtube" },
    { provider: "youtube", id: "dQw4w9WgXcQ", title: "t".repeat(201) },
  ])("refuses the embed %j", (attrs) => expectInvalid(doc(embed(attrs))));

  it("keeps an image's caption and layout, and refuses a layout outside column, wide and full", () => {
    const parsed = parsePostDoc(doc(image({ caption: "Fig. 1", layout: "wide" })));
    expect(parsed.doc.content?.[0]).toMatchObject({ attrs: { caption: "Fig. 1", layout: "wide" } });
    expectInvalid(doc(image({ layout: "huge" })));
    expectInvalid(doc(image({ layout: "x\" onerror=\"alert(1)" })));
    expectInvalid(doc(image({ caption: 42 })));
  });

  it("stores no layout or caption attribute for an image that has none", () => {
    const attrs = parsePostDoc(doc(image())).doc.content?.[0]?.attrs ?? {};
    expect(Object.keys(attrs)).not.toContain("layout");
    expect(Object.keys(attrs)).not.toContain("caption");
  });

  it("keeps a code block's filename and refuses an over-long one", () => {
    const code = (attrs: Json) => ({ type: "codeBlock", attrs, content: [text("x = 1")] });
    expect(parsePostDoc(doc(code({ language: "python", filename: "main.py" }))).doc.content?.[0]).toMatchObject({ attrs: { language: "python", filename: "main.py" } });
    expectInvalid(doc(code({ filename: "f".repeat(121) })));
  });

  it("keeps a formula's source and refuses one that is not text or too long", () => {
    const parsed = parsePostDoc(doc(paragraph(text("Energy "), { type: "mathInline", attrs: { latex: "E=mc^2" } }), { type: "mathBlock", attrs: { latex: "\\frac{1}{" } }));
    expect(parsed.doc.content?.[1]).toEqual({ type: "mathBlock", attrs: { latex: "\\frac{1}{" } });
    expectInvalid(doc({ type: "mathBlock", attrs: { latex: 5 } }));
    expectInvalid(doc({ type: "mathBlock", attrs: { latex: "x".repeat(4001) } }));
  });

  it("accepts galleries of 2 to 9 images only", () => {
    const gallery = (count: number) => ({ type: "gallery", content: Array.from({ length: count }, () => image()) });
    expect(() => parsePostDoc(doc(gallery(2)))).not.toThrow();
    expect(() => parsePostDoc(doc(gallery(9)))).not.toThrow();
    expectInvalid(doc(gallery(1)));
    expectInvalid(doc(gallery(10)));
    expectInvalid(doc({ type: "gallery", content: [image(), paragraph(text("x"))] }));
  });

  it("keeps footnotes and refuses ids that are not short tokens", () => {
    expect(() => parsePostDoc(doc(paragraph(text("Claim"), ref("a1")), notes(note("a1", "Source."))))).not.toThrow();
    expectInvalid(doc(paragraph(text("Claim"), ref("a b"))));
    expectInvalid(doc(paragraph(text("Claim"), ref("a1")), notes(note("\"><script>", "Source."))));
  });
});

describe("footnote numbering", () => {
  it("numbers notes by their first reference and gives repeated references their own anchors", () => {
    const root = nodeFromStoredDoc(
      doc(paragraph(text("One"), ref("b"), text(" two"), ref("a"), text(" again"), ref("b")), notes(note("a", "A."), note("b", "B."), note("c", "Unreferenced."))),
    );
    const index = indexFootnotes(root);
    expect([...index.numbers]).toEqual([["b", 1], ["a", 2]]);
    expect(index.notes.map((n) => n.id)).toEqual(["b", "a"]);
    expect([...index.referenceIds.values()]).toEqual(["fnref-b", "fnref-a", "fnref-b-2"]);
  });

  it("gives a reference to a missing note no number", () => {
    const index = indexFootnotes(nodeFromStoredDoc(doc(paragraph(text("x"), ref("gone")))));
    expect(index.numbers.size).toBe(0);
    expect(index.referenceIds.size).toBe(0);
  });
});

describe("syncFootnotes (the editor keeps the list in step with the references)", () => {
  const sync = (json: Json) => {
    const state = EditorState.create({ doc: postSchema.nodeFromJSON(json) });
    return syncFootnotes(state.doc, postSchema.nodes, state.tr).doc.toJSON() as Json;
  };

  it("orders notes by reference, drops unreferenced ones, adds empty ones for new references, and puts the list last", () => {
    const result = sync(doc(notes(note("a", "A."), note("z", "Z.")), paragraph(text("x"), ref("b"), ref("a"))));
    expect(result.content).toEqual([
      paragraph(text("x"), ref("b"), ref("a")),
      notes({ type: "footnote", attrs: { id: "b" }, content: [{ type: "paragraph" }] }, note("a", "A.")),
    ]);
  });

  it("leaves the list where it is when only empty paragraphs follow it (the editor's trailing line)", () => {
    const state = EditorState.create({ doc: postSchema.nodeFromJSON(doc(paragraph(ref("a")), notes(note("a", "A.")), { type: "paragraph" })) });
    expect(syncFootnotes(state.doc, postSchema.nodes, state.tr).docChanged).toBe(false);
    expect(sync(doc(paragraph(ref("a")), notes(note("a", "A.")), paragraph(text("More")), { type: "paragraph" })).content).toEqual([
      paragraph(ref("a")),
      paragraph(text("More")),
      notes(note("a", "A.")),
      { type: "paragraph" },
    ]);
  });

  it("removes the list when no reference is left, and changes nothing when it already matches", () => {
    expect(sync(doc(paragraph(text("x")), notes(note("a", "A.")))).content).toEqual([paragraph(text("x"))]);
    const state = EditorState.create({ doc: postSchema.nodeFromJSON(doc(paragraph(ref("a")), notes(note("a", "A.")))) });
    expect(syncFootnotes(state.doc, postSchema.nodes, state.tr).docChanged).toBe(false);
  });
});
