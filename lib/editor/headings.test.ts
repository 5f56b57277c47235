import { describe, expect, it } from "vitest";
import type { PostDoc } from "@/lib/editor/doc";
import { headingSlug, listHeadings, tableOfContents, type HeadingAnchor } from "@/lib/editor/headings";

type Json = Record<string, unknown>;

const heading = (level: number, text: string): Json => ({ type: "heading", attrs: { level }, content: text ? [{ type: "text", text }] : [] });
const paragraph = (text: string): Json => ({ type: "paragraph", content: [{ type: "text", text }] });
const doc = (...content: Json[]) => ({ type: "doc", content }) as PostDoc;

const h = (level: 2 | 3 | 4, text: string, id = headingSlug(text)): HeadingAnchor => ({ id, level, text });

describe("headingSlug", () => {
  it.each([
    ["Why it matters", "why-it-matters"],
    ["  Step 1: install  ", "step-1-install"],
    ["C++ & Rust", "c-and-rust"],
    ["Crème brûlée", "creme-brulee"],
    ["!!!", "section"],
    ["", "section"],
  ])("%j → %j", (text, id) => {
    expect(headingSlug(text)).toBe(id);
  });

  it("keeps long ids short and never ends them with a hyphen", () => {
    const id = headingSlug(`${"word ".repeat(30)}end`);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id).not.toMatch(/-$/);
  });
});

describe("listHeadings", () => {
  it("lists h2–h4 in document order with their text and level", () => {
    expect(listHeadings(doc(heading(2, "Intro"), paragraph("Text."), heading(3, "Details"), heading(4, "Fine print")))).toEqual([
      h(2, "Intro"),
      h(3, "Details"),
      h(4, "Fine print"),
    ]);
  });

  it("ignores paragraphs, including ones that look like headings", () => {
    expect(listHeadings(doc(paragraph("## Not a heading")))).toEqual([]);
  });

  it("gives repeated texts -2, -3 suffixes, skipping ids that a later-looking heading already took", () => {
    const ids = listHeadings(doc(heading(2, "Setup"), heading(2, "Setup 2"), heading(3, "Setup"), heading(3, "Setup"))).map((x) => x.id);
    expect(ids).toEqual(["setup", "setup-2", "setup-3", "setup-4"]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("never reuses ids the page layout owns", () => {
    expect(listHeadings(doc(heading(2, "Main"), heading(2, "Top"))).map((x) => x.id)).toEqual(["main-2", "top-2"]);
  });

  it("is stable: the same document gives the same ids", () => {
    const body = doc(heading(2, "A"), heading(2, "A"), heading(3, "B"));
    expect(listHeadings(body)).toEqual(listHeadings(body));
  });

  it("collapses whitespace in the text and ids headings without text as sections", () => {
    expect(listHeadings(doc(heading(2, "  Two   words "), heading(2, ""), heading(2, "")))).toEqual([
      h(2, "Two words"),
      h(2, "", "section"),
      h(2, "", "section-2"),
    ]);
  });

  it("treats a level 1 heading stored by mistake as the level 2 it renders as", () => {
    expect(listHeadings(doc(heading(1, "Big")))).toEqual([h(2, "Big")]);
  });

  it("rejects a document that is not a doc, like the renderer", () => {
    expect(() => listHeadings({ type: "paragraph" } as unknown as PostDoc)).toThrow(expect.objectContaining({ code: "INVALID_DOCUMENT" }));
  });
});

describe("tableOfContents", () => {
  it("is empty below three h2/h3 headings, h4s not counted", () => {
    expect(tableOfContents([])).toEqual([]);
    expect(tableOfContents([h(2, "A"), h(3, "B")])).toEqual([]);
    expect(tableOfContents([h(2, "A"), h(4, "B"), h(4, "C"), h(4, "D")])).toEqual([]);
  });

  it("lists h2s with their h3s nested, from three headings on", () => {
    expect(tableOfContents([h(2, "A"), h(3, "A1"), h(4, "A1x"), h(3, "A2"), h(2, "B")])).toEqual([
      { id: "a", text: "A", children: [{ id: "a1", text: "A1" }, { id: "a2", text: "A2" }] },
      { id: "b", text: "B", children: [] },
    ]);
  });

  it("lists three h2s flat", () => {
    expect(tableOfContents([h(2, "A"), h(2, "B"), h(2, "C")]).map((entry) => entry.id)).toEqual(["a", "b", "c"]);
  });

  it("keeps h3s that come before any h2 at the top level, without nesting them in each other", () => {
    expect(tableOfContents([h(3, "X"), h(3, "Y"), h(2, "A"), h(3, "A1")])).toEqual([
      { id: "x", text: "X", children: [] },
      { id: "y", text: "Y", children: [] },
      { id: "a", text: "A", children: [{ id: "a1", text: "A1" }] },
    ]);
  });

  it("leaves out headings without text", () => {
    expect(tableOfContents([h(2, "A"), h(2, "", "section"), h(2, "B")])).toEqual([]);
  });
});
