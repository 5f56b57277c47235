import { describe, expect, it } from "vitest";
import { escapeHtml, renderPostHtml } from "@/lib/post-html";

type Json = Record<string, unknown>;

const BASE = "https://blog.example.com/blog/my-post";

const text = (value: string, marks?: Json[]): Json => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: Json[]): Json => ({ type: "paragraph", content });
const link = (href: string, extra: Json = {}): Json => ({ type: "link", attrs: { href, ...extra } });
const image = (src: string, extra: Json = {}): Json => ({ type: "image", attrs: { src, alt: "Alt text", ...extra } });

/** Stored JSON built by hand, as if it bypassed write-time validation. */
const render = (...content: Json[]) => renderPostHtml({ type: "doc", content }, BASE);

/**
 * Every attribute name on every element. Values are always double-quoted with quotes escaped inside,
 * so removing the quoted values leaves only the names.
 */
function attributeNames(html: string): string[] {
  return [...html.matchAll(/<[a-zA-Z][a-zA-Z0-9]*([^>]*)>/g)].flatMap(([, attrs = ""]) =>
    [...attrs.replace(/"[^"]*"/g, "").matchAll(/[^\s=/]+/g)].map(([name]) => name.toLowerCase()),
  );
}

const tagNames = (html: string) => [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map(([, name = ""]) => name.toLowerCase());

describe("renderPostHtml", () => {
  it("renders headings, paragraphs, marks, lists, quotes and code as semantic HTML", () => {
    const html = render(
      { type: "heading", attrs: { level: 2 }, content: [text("Section")] },
      paragraph(text("Plain "), text("bold", [{ type: "bold" }]), text(" and "), text("code", [{ type: "code" }])),
      { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("one"))] }] },
      { type: "blockquote", content: [paragraph(text("Quoted."))] },
      { type: "codeBlock", attrs: { language: "ts" }, content: [text("if (a < b && c > d) {}")] },
    );
    expect(html).toContain("<h2>Section</h2>");
    expect(html).toContain("<p>Plain <strong>bold</strong> and <code>code</code></p>");
    expect(html).toContain("<ul><li><p>one</p></li></ul>");
    expect(html).toContain("<blockquote><p>Quoted.</p></blockquote>");
    expect(html).toMatch(/<pre><code[^>]*>if \(a &lt; b &amp;&amp; c &gt; d\) \{\}<\/code><\/pre>/);
  });

  it("renders a level 1 heading stored by mistake as the first allowed level", () => {
    expect(render({ type: "heading", attrs: { level: 1 }, content: [text("Too big")] })).toBe("<h2>Too big</h2>");
  });

  describe("links", () => {
    it("keeps external links, with rel", () => {
      expect(render(paragraph(text("Out", [link("https://example.com/a?b=1&c=2")])))).toBe(
        '<p><a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">Out</a></p>',
      );
    });

    it("makes site-relative, relative and fragment links absolute against the post URL", () => {
      const html = render(
        paragraph(text("About", [link("/about")])),
        paragraph(text("Notes", [link("#notes")])),
        paragraph(text("Sibling", [link("other-post")])),
      );
      expect(html).toContain('<a href="https://blog.example.com/about">About</a>');
      expect(html).toContain('<a href="https://blog.example.com/blog/my-post#notes">Notes</a>');
      expect(html).toContain('<a href="https://blog.example.com/blog/other-post">Sibling</a>');
    });

    it("keeps mailto links", () => {
      expect(render(paragraph(text("Mail", [link("mailto:someone@example.com")])))).toContain('href="mailto:someone@example.com"');
    });

    it.each([
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "\u0000javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "//evil.com",
      "/\\evil.com",
    ])("renders the text of a link to %j without the link", (href) => {
      const html = render(paragraph(text("Before "), text("click me", [link(href)]), text(" after")));
      expect(html).toBe("<p>Before click me after</p>");
    });

    it("drops event handlers, styles and targets stored on links", () => {
      const html = render(paragraph(text("Link", [link("https://example.com", { onclick: "alert(1)", target: "_self", style: "x" })])));
      expect(attributeNames(html).sort()).toEqual(["href", "rel"]);
      expect(html).not.toContain("alert(");
    });
  });

  describe("images", () => {
    it("renders an http(s) image in a figure with alt text and caption", () => {
      expect(render(image("https://cdn.example.com/a.png", { title: "A caption" }))).toBe(
        '<figure><img src="https://cdn.example.com/a.png" alt="Alt text" title="A caption"><figcaption>A caption</figcaption></figure>',
      );
    });

    it("makes a site-relative image absolute", () => {
      expect(render(image("/uploads/a.png"))).toContain('src="https://blog.example.com/uploads/a.png"');
    });

    it.each([
      "javascript:alert(1)",
      "data:image/png;base64,iVBORw0KGgo=",
      "data:image/svg+xml,<svg onload=alert(1)>",
      "//evil.com/a.png",
      "blob:https://example.com/1",
      "mailto:someone@example.com",
    ])("drops an image from %j", (src) => {
      const html = render(paragraph(text("Before")), image(src), paragraph(text("After")));
      expect(html).toBe("<p>Before</p><p>After</p>");
    });

    it("escapes quotes in alt and title, and drops stored event handlers", () => {
      const html = render(
        image("https://example.com/a.png", { alt: '" onerror="alert(1)', title: '"><script>x</script>', onerror: "alert(2)", onload: "alert(3)" }),
      );
      expect(tagNames(html)).toEqual(["figure", "img", "figcaption"]);
      expect(attributeNames(html).sort()).toEqual(["alt", "src", "title"]);
      expect(html).not.toContain("alert(2)");
      expect(html).not.toContain("alert(3)");
    });
  });

  describe("escapes untrusted text", () => {
    it("renders markup in text as text", () => {
      const html = render(
        paragraph(text("<script>alert(1)</script>")),
        paragraph(text('<img src=x onerror=alert(1)> "quoted" & more')),
        { type: "heading", attrs: { level: 2 }, content: [text("<script>alert(2)</script>")] },
      );
      expect(tagNames(html)).toEqual(["p", "p", "h2"]);
      expect(attributeNames(html)).toEqual([]);
      expect(html).toContain("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    });

    it("drops event handlers and unknown attributes stored on nodes", () => {
      const html = render(
        { type: "paragraph", attrs: { onclick: "alert(1)", style: "color:red", class: "x" }, content: [text("Hi")] },
        { type: "heading", attrs: { level: 2, onmouseover: "alert(2)" }, content: [text("H")] },
      );
      expect(html).toBe("<p>Hi</p><h2>H</h2>");
    });

    it("never lets a CDATA terminator through", () => {
      const html = render(paragraph(text("a]]>b", [link("https://example.com/]]>x")])), image("https://example.com/a.png", { alt: "]]>" }));
      expect(html).not.toContain("]]>");
    });
  });

  it("rejects a stored document whose root is not a doc", () => {
    expect(() => renderPostHtml({ type: "paragraph" }, BASE)).toThrow(expect.objectContaining({ code: "INVALID_DOCUMENT" }));
  });

  describe("tables, toggles and callouts", () => {
    const cell = (type: string, value: string, attrs: Json = {}): Json => ({ type, attrs, content: [paragraph(text(value))] });
    const row = (...cells: Json[]): Json => ({ type: "tableRow", content: cells });

    it("a table with a header row as thead with th scope=col, without editor widths", () => {
      const html = render({
        type: "table",
        content: [
          row(cell("tableHeader", "Name"), cell("tableHeader", "Value")),
          row(cell("tableHeader", "a<b"), cell("tableCell", "1", { colspan: 2, align: "center" })),
        ],
      });
      expect(html).toBe(
        '<table><thead><tr><th scope="col"><p>Name</p></th><th scope="col"><p>Value</p></th></tr></thead>' +
          '<tbody><tr><th scope="row"><p>a&lt;b</p></th><td colspan="2" style="text-align: center"><p>1</p></td></tr></tbody></table>',
      );
    });

    it("ignores a stored alignment or span that is not one of the known values", () => {
      const html = render({ type: "table", content: [row(cell("tableCell", "x", { align: '" onmouseover="x', colspan: "2" }))] });
      expect(html).toBe("<table><tbody><tr><td><p>x</p></td></tr></tbody></table>");
    });

    it("a toggle as details and summary", () => {
      const html = render({
        type: "details",
        content: [
          { type: "detailsSummary", content: [text("More")] },
          { type: "detailsContent", content: [paragraph(text("Hidden"))] },
        ],
      });
      expect(html).toBe("<details><summary>More</summary><p>Hidden</p></details>");
    });

    it("a callout spells out its kind, since feed readers drop styles", () => {
      const html = render({ type: "callout", attrs: { kind: "warning" }, content: [paragraph(text("Back up first."))] });
      expect(html).toBe('<blockquote data-callout="warning"><p><strong>Warning</strong></p><p>Back up first.</p></blockquote>');
    });
  });
});

describe("escapeHtml", () => {
  it("escapes the characters that end text or a quoted attribute", () => {
    expect(escapeHtml(`<a href="x">&amp;</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;");
  });
});
