import { describe, expect, it } from "vitest";
import {
  ALLOWED_ATTRIBUTES,
  EXCERPT_LENGTH,
  MAX_DOCUMENT_DEPTH,
  countWords,
  deriveExcerpt,
  emptyDoc,
  nodeFromStoredDoc,
  parsePostDoc,
  postSchema,
  readingMinutes,
} from "@/lib/editor/doc";
import { DomainError } from "@/lib/errors";

type Json = Record<string, unknown>;

const text = (value: string, marks?: Json[]): Json => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: Json[]): Json => ({ type: "paragraph", ...(content.length ? { content } : {}) });
const heading = (level: number, value: string): Json => ({ type: "heading", attrs: { level }, content: [text(value)] });
const link = (href: unknown): Json => ({ type: "link", attrs: { href } });
const image = (src: unknown, extra: Json = {}): Json => ({ type: "image", attrs: { src, alt: "An image", ...extra } });
const listItem = (value: string): Json => ({ type: "listItem", content: [paragraph(text(value))] });
const doc = (...content: Json[]): Json => ({ type: "doc", content });

/** Runs `fn` and returns what it threw. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

function expectInvalidDocument(json: unknown) {
  const error = thrownBy(() => parsePostDoc(json));
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: "INVALID_DOCUMENT" });
}

describe("parsePostDoc", () => {
  describe("accepts", () => {
    it.each([2, 3, 4])("a level %i heading", (level) => {
      const input = doc(heading(level, "Section"));
      expect(parsePostDoc(input).doc).toEqual(input);
    });

    it("bullet and ordered lists", () => {
      const input = doc(
        { type: "bulletList", content: [listItem("one"), listItem("two")] },
        { type: "orderedList", attrs: { start: 1 }, content: [listItem("three")] },
      );
      const { doc: parsed, plaintext } = parsePostDoc(input);
      expect(parsed.content?.map((node) => node.type)).toEqual(["bulletList", "orderedList"]);
      expect(plaintext).toBe("one\ntwo\nthree");
    });

    it("a nested list", () => {
      const input = doc({
        type: "bulletList",
        content: [
          { type: "listItem", content: [paragraph(text("outer")), { type: "bulletList", content: [listItem("inner")] }] },
        ],
      });
      expect(parsePostDoc(input).plaintext).toBe("outer\ninner");
    });

    it("a blockquote", () => {
      const input = doc({ type: "blockquote", content: [paragraph(text("Quoted."))] });
      expect(parsePostDoc(input).doc).toEqual(input);
    });

    it("a code block with a language", () => {
      const input = doc({ type: "codeBlock", attrs: { language: "ts" }, content: [text("const a = 1 < 2;")] });
      const parsed = parsePostDoc(input);
      expect(parsed.doc).toEqual(input);
      expect(parsed.plaintext).toBe("const a = 1 < 2;");
    });

    it("inline marks", () => {
      const input = doc(
        paragraph(
          text("bold", [{ type: "bold" }]),
          text(" italic", [{ type: "italic" }]),
          text(" code", [{ type: "code" }]),
          text(" struck", [{ type: "strike" }]),
        ),
      );
      expect(parsePostDoc(input).doc).toEqual(input);
    });

    it.each([
      "https://example.com/a?b=c",
      "http://example.com",
      "mailto:someone@example.com",
      "/blog/other-post",
      "#section",
    ])("a link to %j", (href) => {
      const parsed = parsePostDoc(doc(paragraph(text("a link", [link(href)]))));
      const mark = parsed.doc.content?.[0]?.content?.[0]?.marks?.[0];
      expect(mark).toMatchObject({ type: "link", attrs: { href } });
    });

    it.each(["https://cdn.example.com/a.png", "http://example.com/a.png", "/uploads/a.png"])(
      "an image from %j",
      (src) => {
        const parsed = parsePostDoc(doc(paragraph(text("Before")), image(src, { title: "Caption" })));
        expect(parsed.doc.content?.[1]).toMatchObject({ type: "image", attrs: { src, alt: "An image", title: "Caption" } });
      },
    );

    it("a hard break and a horizontal rule", () => {
      const input = doc(paragraph(text("a"), { type: "hardBreak" }, text("b")), { type: "horizontalRule" });
      expect(parsePostDoc(input).doc).toEqual(input);
    });

    it("the empty document", () => {
      expect(parsePostDoc(emptyDoc())).toMatchObject({ doc: emptyDoc(), plaintext: "", wordCount: 0 });
    });
  });

  describe("rejects with INVALID_DOCUMENT", () => {
    it.each(["widget", "iframe", "script", "table", "html"])("the unknown node type %j", (type) => {
      expectInvalidDocument(doc(paragraph(text("ok")), { type }));
    });

    it.each(["comment", "script", "highlight", "textStyle"])("the unknown mark type %j", (type) => {
      expectInvalidDocument(doc(paragraph(text("x", [{ type }]))));
    });

    // Tiptap's heading `levels` only limit commands, input rules and HTML parsing, not the schema.
    it.each([1, 5])("a level %i heading", (level) => {
      expectInvalidDocument(doc(heading(level, "Title")));
    });

    it.each([
      ["a paragraph", paragraph(text("x"))],
      ["a node with no type", { content: [paragraph(text("x"))] }],
      ["a document type in another case", { type: "Doc", content: [paragraph(text("x"))] }],
    ])("a root that is %s", (_label, json) => {
      expectInvalidDocument(json);
    });

    it.each([
      ["null", null],
      ["undefined", undefined],
      ["a number", 42],
      ["a boolean", true],
      ["a string", "doc"],
      ["a JSON string of a document", JSON.stringify(doc(paragraph(text("x"))))],
      ["an array", [doc(paragraph(text("x")))]],
    ])("%s", (_label, json) => {
      expectInvalidDocument(json);
    });

    it.each([
      ["text directly in the document", doc(text("loose"))],
      ["a list item outside a list", doc(listItem("orphan"))],
      ["a paragraph directly in a list", doc({ type: "bulletList", content: [paragraph(text("x"))] })],
      ["a heading inside a paragraph", doc(paragraph(heading(2, "x")))],
      ["an image inside a paragraph", doc(paragraph(image("https://example.com/a.png")))],
      ["a paragraph inside a code block", doc({ type: "codeBlock", content: [paragraph(text("x"))] })],
      ["a marked node inside a code block", doc({ type: "codeBlock", content: [text("x", [{ type: "bold" }])] })],
      ["a document with no blocks", doc()],
      ["a document with no content", { type: "doc" }],
    ])("%s", (_label, json) => {
      expectInvalidDocument(json);
    });

    it.each([
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "//evil.com",
      "",
      null,
    ])("a link to %j", (href) => {
      expectInvalidDocument(doc(paragraph(text("click", [link(href)]))));
    });

    it("an unsafe link deep inside a list inside a blockquote", () => {
      const nested = {
        type: "blockquote",
        content: [
          {
            type: "bulletList",
            content: [{ type: "listItem", content: [paragraph(text("ok "), text("bad", [link("javascript:alert(1)")]))] }],
          },
        ],
      };
      expectInvalidDocument(doc(paragraph(text("fine")), nested));
    });

    it.each([
      "javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      "data:image/png;base64,iVBORw0KGgo=",
      "data:image/svg+xml,<svg onload=alert(1)>",
      "//evil.com/a.png",
      "",
      null,
    ])("an image from %j", (src) => {
      expectInvalidDocument(doc(image(src)));
    });
  });

  describe("normalises", () => {
    it("drops unknown attributes on nodes", () => {
      const input = doc({ type: "paragraph", attrs: { onclick: "alert(1)", style: "x" }, content: [text("Hi")] });
      const parsed = parsePostDoc(input);
      expect(parsed.doc).toEqual(doc(paragraph(text("Hi"))));
      expect(JSON.stringify(parsed.doc)).not.toContain("onclick");
    });

    it("drops unknown attributes on marks and images", () => {
      const input = doc(
        paragraph(text("link", [{ type: "link", attrs: { href: "https://example.com", onclick: "alert(1)" } }])),
        image("https://example.com/a.png", { onerror: "alert(1)" }),
      );
      const serialised = JSON.stringify(parsePostDoc(input).doc);
      expect(serialised).not.toContain("onclick");
      expect(serialised).not.toContain("onerror");
      expect(serialised).toContain("https://example.com/a.png");
    });

    it("drops unknown top-level keys", () => {
      const parsed = parsePostDoc({ ...doc(paragraph(text("x"))), extra: "<script>" });
      expect(parsed.doc).not.toHaveProperty("extra");
    });
  });

  describe("derives text", () => {
    it("separates blocks with newlines", () => {
      const parsed = parsePostDoc(
        doc(
          heading(2, "Intro"),
          paragraph(text("First paragraph.")),
          { type: "blockquote", content: [paragraph(text("A quote."))] },
          { type: "codeBlock", content: [text("npm test")] },
        ),
      );
      expect(parsed.plaintext).toBe("Intro\nFirst paragraph.\nA quote.\nnpm test");
    });

    it("treats a hard break as a line break", () => {
      expect(parsePostDoc(doc(paragraph(text("one"), { type: "hardBreak" }, text("two")))).plaintext).toBe("one\ntwo");
    });

    it("does not run words of adjacent blocks together", () => {
      const parsed = parsePostDoc(doc(paragraph(text("end")), paragraph(text("start"))));
      expect(parsed.wordCount).toBe(2);
    });

    it("counts words across the document", () => {
      const parsed = parsePostDoc(
        doc(heading(2, "Two words"), paragraph(text("Three "), text("more", [{ type: "bold" }]), text(" words."))),
      );
      expect(parsed.wordCount).toBe(5);
    });

    it("ignores images in the text", () => {
      const parsed = parsePostDoc(doc(paragraph(text("Caption below")), image("/a.png")));
      expect(parsed.plaintext).toBe("Caption below");
      expect(parsed.wordCount).toBe(2);
    });
  });
});

/** A document `depth` levels deep (its text the deepest): blockquotes inside each other around a paragraph. */
function nested(depth: number): Json {
  let node: Json = paragraph(text("deep"));
  for (let level = depth - 2; level > 1; level--) node = { type: "blockquote", content: [node] };
  return doc(node);
}

describe("document depth", () => {
  it(`accepts ${MAX_DOCUMENT_DEPTH} levels, far more than the editor makes`, () => {
    expect(parsePostDoc(nested(MAX_DOCUMENT_DEPTH)).plaintext).toBe("deep");
    expect(() => nodeFromStoredDoc(nested(MAX_DOCUMENT_DEPTH))).not.toThrow();
  });

  // 1,200 levels used to save and then overflow the reader's renderer; 3,000 overflowed ProseMirror itself.
  it.each([MAX_DOCUMENT_DEPTH + 1, 1_200, 3_000, 100_000])("rejects %i levels with INVALID_DOCUMENT on write", (depth) => {
    const error = thrownBy(() => parsePostDoc(nested(depth)));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "INVALID_DOCUMENT" });
  });

  it.each([1_200, 3_000])("refuses a stored document of %i levels before anything recurses into it", (depth) => {
    const error = thrownBy(() => nodeFromStoredDoc(nested(depth)));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "INVALID_DOCUMENT" });
  });

  it("counts nesting in lists as levels too", () => {
    let item: Json = listItem("deep");
    for (let level = 0; level < 40; level++) item = { type: "listItem", content: [paragraph(text("x")), { type: "bulletList", content: [item] }] };
    expectInvalidDocument(doc({ type: "bulletList", content: [item] }));
  });
});

describe("attribute allow-list", () => {
  it("has an entry for every node and mark type of the schema, and none for a type it lacks", () => {
    const schemaTypes = [...Object.keys(postSchema.nodes), ...Object.keys(postSchema.marks)].sort();
    expect(Object.keys(ALLOWED_ATTRIBUTES).sort()).toEqual(schemaTypes);
  });

  it("lists only attributes the schema has", () => {
    for (const [name, attributes] of Object.entries(ALLOWED_ATTRIBUTES)) {
      const type = postSchema.nodes[name] ?? postSchema.marks[name];
      for (const attribute of attributes) expect(Object.keys(type!.spec.attrs ?? {}), `${name}.${attribute}`).toContain(attribute);
    }
  });

  it("keeps a link's href and drops the target, rel, class and title a client sends", () => {
    const input = doc(
      paragraph(text("link", [{ type: "link", attrs: { href: "https://example.com", target: "_blank", rel: "opener", class: "evil", title: "x" } }])),
    );
    const parsed = parsePostDoc(input);
    expect(parsed.doc).toEqual(doc(paragraph(text("link", [{ type: "link", attrs: { href: "https://example.com" } }]))));
  });

  it("keeps an image's src, alt, title and size and nothing else", () => {
    const input = doc(image("/a.png", { title: "T", width: 640, height: 480, class: "x", style: "position:fixed", "data-x": "1" }));
    expect(parsePostDoc(input).doc.content?.[0]?.attrs).toEqual({ src: "/a.png", alt: "An image", title: "T", width: 640, height: 480 });
  });

  it("keeps a heading's level and a code block's language only", () => {
    const input = doc(
      { type: "heading", attrs: { level: 2, id: "x", class: "y" }, content: [text("H")] },
      { type: "codeBlock", attrs: { language: "ts", class: "z" }, content: [text("x")] },
    );
    expect(parsePostDoc(input).doc.content?.map((node) => node.attrs)).toEqual([{ level: 2 }, { language: "ts" }]);
  });

  it("drops attributes outside the list from stored documents, so renderers never see them", () => {
    const stored = doc(paragraph(text("link", [{ type: "link", attrs: { href: "https://example.com", target: "_blank", class: "evil" } }])));
    const mark = nodeFromStoredDoc(stored).firstChild!.firstChild!.marks[0]!;
    expect(mark.attrs.href).toBe("https://example.com");
    expect(mark.attrs.target).toBeNull();
    expect(mark.attrs.class).toBeNull();
  });

  it("does not change the input it was given", () => {
    const input = doc(paragraph(text("link", [{ type: "link", attrs: { href: "https://example.com", target: "_blank" } }])));
    const copy = structuredClone(input);
    parsePostDoc(input);
    expect(input).toEqual(copy);
  });
});

describe("deriveExcerpt", () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

  it("uses the custom excerpt, trimmed", () => {
    expect(deriveExcerpt("  A custom excerpt.  ", "The body text.")).toBe("A custom excerpt.");
  });

  it("keeps a long custom excerpt as it is", () => {
    const custom = words(100);
    expect(deriveExcerpt(custom, "body")).toBe(custom);
  });

  it.each([null, undefined, "", "   \n "])("falls back to the body for the custom excerpt %j", (custom) => {
    expect(deriveExcerpt(custom, "The body text.")).toBe("The body text.");
  });

  it("returns short text unchanged", () => {
    expect(deriveExcerpt(null, "Short and sweet.")).toBe("Short and sweet.");
  });

  it("collapses whitespace", () => {
    expect(deriveExcerpt(null, "  Line one\n\nLine\ttwo   three  ")).toBe("Line one Line two three");
  });

  it("returns text of exactly the limit without an ellipsis", () => {
    const exact = "a".repeat(EXCERPT_LENGTH - 10) + " " + "b".repeat(9);
    expect(exact).toHaveLength(EXCERPT_LENGTH);
    expect(deriveExcerpt(null, exact)).toBe(exact);
  });

  it("cuts long text at a word boundary and adds an ellipsis", () => {
    const body = words(200);
    const excerpt = deriveExcerpt(null, body);
    expect(EXCERPT_LENGTH).toBe(280);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_LENGTH + 1);
    const kept = excerpt.slice(0, -1);
    expect(body.startsWith(kept)).toBe(true);
    expect(body[kept.length]).toBe(" ");
    expect(kept.length).toBeGreaterThan(EXCERPT_LENGTH / 2);
  });

  it("keeps a word that ends exactly at the limit", () => {
    const body = `${"a".repeat(EXCERPT_LENGTH - 6)} bbbbb ccccc`;
    expect(deriveExcerpt(null, body)).toBe(`${"a".repeat(EXCERPT_LENGTH - 6)} bbbbb…`);
  });

  it("does not leave punctuation before the ellipsis", () => {
    const excerpt = deriveExcerpt(null, "Sentence, ".repeat(60));
    expect(excerpt).toMatch(/[A-Za-z]…$/);
  });

  it("cuts text without spaces at the limit", () => {
    expect(deriveExcerpt(null, "x".repeat(1000))).toBe(`${"x".repeat(EXCERPT_LENGTH)}…`);
  });

  it("collapses whitespace before measuring", () => {
    const body = `Short ${" ".repeat(500)} text`;
    expect(deriveExcerpt(null, body)).toBe("Short text");
  });
});

describe("countWords", () => {
  it.each([
    ["", 0],
    ["   \n\t ", 0],
    ["— … !!", 0],
    ["hello", 1],
    ["hello world", 2],
    ["  hello \n\n world  ", 2],
    ["don't stop", 2],
    ["it’s fine", 2],
    ["well-known snake_case", 2],
    ["Héllo Wörld Привет", 3],
    ["Chapter 42", 2],
    ["one, two; three.", 3],
  ])("%j has %i words", (input, expected) => {
    expect(countWords(input)).toBe(expected);
  });
});

describe("readingMinutes", () => {
  it.each([
    [0, 1],
    [1, 1],
    [100, 1],
    [230, 1],
    [345, 2],
    [460, 2],
    [1000, 4],
    [2300, 10],
  ])("%i words take %i minute(s)", (wordCount, expected) => {
    expect(readingMinutes(wordCount)).toBe(expected);
  });
});

describe("docToSummary (via parsePostDoc)", () => {
  const para = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

  it("joins paragraph text and leaves out headings and code blocks", () => {
    const { summary } = parsePostDoc({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Why queues fill up" }] },
        para("Consumers slower than producers lose."),
        { type: "codeBlock", attrs: { language: "ts" }, content: [{ type: "text", text: "const lag = 1;" }] },
        { type: "bulletList", content: [{ type: "listItem", content: [para("Measure lag.")] }] },
      ],
    });
    expect(summary).toBe("Consumers slower than producers lose. Measure lag.");
  });

  it("is empty for a document without paragraph text", () => {
    expect(parsePostDoc({ type: "doc", content: [{ type: "paragraph" }] }).summary).toBe("");
  });
});
