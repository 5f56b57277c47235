import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PostBody } from "@/components/posts/post-body";
import type { PostDoc } from "@/lib/editor/doc";

type Json = Record<string, unknown>;

const text = (value: string, marks?: Json[]): Json => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: Json[]): Json => ({ type: "paragraph", content });
const link = (href: string, extra: Json = {}): Json => ({ type: "link", attrs: { href, ...extra } });
const image = (src: string, extra: Json = {}): Json => ({ type: "image", attrs: { src, alt: "Alt text", ...extra } });
const listItem = (value: string): Json => ({ type: "listItem", content: [paragraph(text(value))] });

/** Stored JSON built by hand, as if it bypassed write-time validation. */
const doc = (...content: Json[]) => ({ type: "doc", content }) as PostDoc;

const render = (...content: Json[]) => renderToStaticMarkup(<PostBody doc={doc(...content)} />);

/**
 * Every attribute name on every element. React always double-quotes attribute values and escapes quotes
 * and angle brackets inside them, so removing the quoted values leaves only the names.
 */
function attributeNames(html: string): string[] {
  return [...html.matchAll(/<[a-zA-Z][a-zA-Z0-9]*([^>]*)>/g)].flatMap(([, attrs = ""]) =>
    [...attrs.replace(/"[^"]*"/g, "").matchAll(/[^\s=/]+/g)].map(([name]) => name.toLowerCase()),
  );
}

const eventHandlers = (html: string) => attributeNames(html).filter((name) => name.startsWith("on"));

describe("PostBody", () => {
  describe("renders semantic HTML", () => {
    it.each([2, 3, 4])("a level %i heading", (level) => {
      expect(render({ type: "heading", attrs: { level }, content: [text("Section")] })).toContain(
        `<h${level}>Section</h${level}>`,
      );
    });

    it("paragraphs and inline marks", () => {
      const html = render(
        paragraph(text("Plain "), text("bold", [{ type: "bold" }]), text(" and "), text("italic", [{ type: "italic" }])),
        paragraph(text("inline "), text("code", [{ type: "code" }])),
      );
      expect(html).toContain("<p>Plain <strong>bold</strong> and <em>italic</em></p>");
      expect(html).toContain("<p>inline <code>code</code></p>");
    });

    it("bullet and ordered lists", () => {
      const html = render(
        { type: "bulletList", content: [listItem("one"), listItem("two")] },
        { type: "orderedList", content: [listItem("three")] },
      );
      expect(html).toContain("<ul><li><p>one</p></li><li><p>two</p></li></ul>");
      expect(html).toMatch(/<ol[^>]*><li><p>three<\/p><\/li><\/ol>/);
    });

    it("a blockquote", () => {
      expect(render({ type: "blockquote", content: [paragraph(text("Quoted."))] })).toContain(
        "<blockquote><p>Quoted.</p></blockquote>",
      );
    });

    it("a code block as pre > code, escaping its text", () => {
      const html = render({ type: "codeBlock", attrs: { language: "ts" }, content: [text("if (a < b && c > d) {}")] });
      expect(html).toMatch(/<pre><code[^>]*>if \(a &lt; b &amp;&amp; c &gt; d\) \{\}<\/code><\/pre>/);
    });

    it("a site-relative link without rel", () => {
      const html = render(paragraph(text("About", [link("/about")])));
      expect(html).toContain('<a href="/about">About</a>');
    });

    it("a mailto link", () => {
      expect(render(paragraph(text("Mail", [link("mailto:someone@example.com")])))).toContain(
        'href="mailto:someone@example.com"',
      );
    });

    it("an image in a figure with its alt text and caption", () => {
      const html = render(image("https://cdn.example.com/a.png", { title: "A caption" }));
      expect(html).toMatch(/<figure><img [^>]*src="https:\/\/cdn\.example\.com\/a\.png"[^>]*\/?>/);
      expect(html).toMatch(/<img [^>]*alt="Alt text"/);
      expect(html).toContain("<figcaption>A caption</figcaption>");
    });

    it("a site-relative image", () => {
      expect(render(image("/uploads/a.png"))).toMatch(/<img [^>]*src="\/uploads\/a\.png"/);
    });
  });

  describe("external links", () => {
    // Browsers read "https:\\evil.com" as https://evil.com/, so it counts as external too.
    it.each(["https://example.com/a", "http://example.com", "HTTPS://EXAMPLE.COM", "https:\\\\evil.com"])(
      "get rel noopener for %j",
      (href) => {
        const html = render(paragraph(text("Out", [link(href)])));
        expect(html).toMatch(/<a [^>]*rel="[^"]*\bnoopener\b[^"]*"/);
      },
    );
  });

  describe("escapes untrusted text", () => {
    it("renders markup in text as text", () => {
      const html = render(
        paragraph(text("<script>alert(1)</script>")),
        paragraph(text('<img src=x onerror=alert(1)> "quoted" & more')),
        { type: "heading", attrs: { level: 2 }, content: [text("<script>alert(2)</script>")] },
      );
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(eventHandlers(html)).toEqual([]);
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    });

    it("escapes quotes in attribute values", () => {
      const html = render(image("https://example.com/a.png", { alt: '" onerror="alert(1)', title: '"><script>x</script>' }));
      expect(html).not.toMatch(/<script/i);
      expect(eventHandlers(html)).toEqual([]);
      expect(attributeNames(html).sort()).toEqual(["alt", "class", "decoding", "loading", "src", "title"]);
    });
  });

  describe("drops unsafe link targets from stored documents", () => {
    it.each([
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "\u0000javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "//evil.com",
    ])("renders the text of a link to %j without the link", (href) => {
      const html = render(paragraph(text("Before "), text("click me", [link(href)]), text(" after")));
      expect(html).toContain("<p>Before click me after</p>");
      expect(html).not.toContain("<a");
      expect(html.toLowerCase()).not.toContain("javascript:");
      expect(html).not.toContain("data:");
      expect(html).not.toContain("vbscript:");
      expect(html).not.toContain("evil.com");
    });

    it("keeps no javascript: anywhere in a mixed document", () => {
      const html = render(
        { type: "heading", attrs: { level: 2 }, content: [text("Title", [link("javascript:alert(1)")])] },
        { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("item", [link("javascript:alert(2)")]))] }] },
        { type: "blockquote", content: [paragraph(text("quote", [link("JAVASCRIPT:alert(3)"), { type: "bold" }]))] },
        image("javascript:alert(4)"),
        paragraph(text("safe", [link("https://example.com")])),
      );
      expect(html.toLowerCase()).not.toContain("javascript:");
      expect(html).toContain('href="https://example.com"');
    });

    
    // browsers open https://evil.com/ for it.
    it("does not render a backslash-disguised link to another host", () => {
      const html = render(paragraph(text("Docs", [link("/\\evil.com")])));
      expect(html).not.toContain("evil.com");
    });
  });

  describe("drops unsafe images from stored documents", () => {
    it.each([
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "data:image/png;base64,iVBORw0KGgo=",
      "data:image/svg+xml,<svg onload=alert(1)>",
      "//evil.com/a.png",
      "blob:https://example.com/1",
    ])("drops an image from %j", (src) => {
      const html = render(paragraph(text("Before")), image(src), paragraph(text("After")));
      expect(html).not.toContain("<img");
      expect(html).not.toContain("<figure");
      expect(html.toLowerCase()).not.toContain("javascript:");
      expect(html).not.toContain("data:");
      expect(html).toContain("<p>Before</p>");
      expect(html).toContain("<p>After</p>");
    });
  });

  describe("drops unknown attributes", () => {
    it("never emits event handlers or unknown attributes from the stored JSON", () => {
      const html = render(
        { type: "paragraph", attrs: { onclick: "alert(1)", style: "color:red", class: "x" }, content: [text("Hi")] },
        { type: "heading", attrs: { level: 2, onmouseover: "alert(2)" }, content: [text("H")] },
        paragraph(text("Link", [link("https://example.com", { onclick: "alert(3)", target: "_self", style: "x" })])),
        image("https://example.com/a.png", { onerror: "alert(4)", onload: "alert(5)" }),
      );
      expect(eventHandlers(html)).toEqual([]);
      expect(attributeNames(html)).not.toContain("style");
      expect(attributeNames(html)).not.toContain("target");
      expect(html).not.toContain("alert(");
    });
  });

  it("renders a level 1 heading stored by mistake below the post title", () => {
    // Tiptap's Heading renders levels outside `levels` as the first allowed level.
    const html = render({ type: "heading", attrs: { level: 1 }, content: [text("Too big")] });
    expect(html).not.toContain("<h1");
    expect(html).toContain("<h2>Too big</h2>");
  });

  it("rejects a stored document whose root is not a doc", () => {
    expect(() => renderToStaticMarkup(<PostBody doc={{ type: "paragraph" } as unknown as PostDoc} />)).toThrow(
      expect.objectContaining({ code: "INVALID_DOCUMENT" }),
    );
  });
});
