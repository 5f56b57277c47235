import type { Root } from "hast";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { PostBody } from "@/components/posts/post-body";
import { codeBlockHtml } from "@/lib/posts/body-html";
import type { PostDoc } from "@/lib/editor/doc";
import { listHeadings } from "@/lib/editor/headings";

// Highlighting is a cached function; outside Next its cache calls have nothing to do.
vi.mock("next/cache", () => ({ cacheLife: () => undefined, cacheTag: () => undefined }));

// Loading a grammar compiles it, which takes seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

type Json = Record<string, unknown>;

const text = (value: string, marks?: Json[]): Json => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: Json[]): Json => ({ type: "paragraph", content });
const link = (href: string, extra: Json = {}): Json => ({ type: "link", attrs: { href, ...extra } });
const image = (src: string, extra: Json = {}): Json => ({ type: "image", attrs: { src, alt: "Alt text", ...extra } });
const listItem = (value: string): Json => ({ type: "listItem", content: [paragraph(text(value))] });

/** Stored JSON built by hand, as if it bypassed write-time validation. */
const doc = (...content: Json[]) => ({ type: "doc", content }) as PostDoc;

/** PostBody is an async Server Component (it highlights code first); its result is plain elements. */
const render = async (...content: Json[]) => renderToStaticMarkup(await PostBody({ doc: doc(...content) }));

/**
 * Every attribute name on every element. React always double-quotes attribute values and escapes quotes
 * and angle brackets inside them, so removing the quoted values leaves only the names.
 */
function attributeNames(html: string): string[] {
  return [...html.matchAll(/<[a-zA-Z][a-zA-Z0-9]*([^>]*)>/g)].flatMap(([, attrs = ""]) =>
    [...attrs.replace(/"[^"]*"/g, "").matchAll(/[^\s=/]+/g)].map(([name]) => name.toLowerCase()),
  );
}

/** The text a reader sees: tags removed and entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&amp;", "&");

const eventHandlers = (html: string) => attributeNames(html).filter((name) => name.startsWith("on"));

describe("PostBody", () => {
  describe("renders semantic HTML", () => {
    it.each([2, 3, 4])("a level %i heading", async (level) => {
      expect(await render({ type: "heading", attrs: { level }, content: [text("Section")] })).toContain(
        `<h${level} id="section">Section</h${level}>`,
      );
    });

    it("paragraphs and inline marks", async () => {
      const html = await render(
        paragraph(text("Plain "), text("bold", [{ type: "bold" }]), text(" and "), text("italic", [{ type: "italic" }])),
        paragraph(text("inline "), text("code", [{ type: "code" }])),
      );
      expect(html).toContain("<p>Plain <strong>bold</strong> and <em>italic</em></p>");
      expect(html).toContain("<p>inline <code>code</code></p>");
    });

    it("bullet and ordered lists", async () => {
      const html = await render(
        { type: "bulletList", content: [listItem("one"), listItem("two")] },
        { type: "orderedList", content: [listItem("three")] },
      );
      expect(html).toContain("<ul><li><p>one</p></li><li><p>two</p></li></ul>");
      expect(html).toMatch(/<ol[^>]*><li><p>three<\/p><\/li><\/ol>/);
    });

    it("a blockquote", async () => {
      expect(await render({ type: "blockquote", content: [paragraph(text("Quoted."))] })).toContain(
        "<blockquote><p>Quoted.</p></blockquote>",
      );
    });

    it("a code block as pre > code, escaping its text", async () => {
      const html = await render({ type: "codeBlock", attrs: { language: "ts" }, content: [text("if (a < b && c > d) {}")] });
      expect(html).toMatch(/<pre [^>]*><code>.*<\/code><\/pre>/);
      expect(textOf(html)).toContain("TypeScriptif (a < b && c > d) {}");
      expect(html).toContain(">&lt;</span>");
      expect(html).toContain(">&amp;&amp;</span>");
    });

    it("a site-relative link without rel", async () => {
      const html = await render(paragraph(text("About", [link("/about")])));
      expect(html).toContain('<a href="/about">About</a>');
    });

    it("a mailto link", async () => {
      expect(await render(paragraph(text("Mail", [link("mailto:someone@example.com")])))).toContain(
        'href="mailto:someone@example.com"',
      );
    });

    it("an image in a figure with its alt text and caption", async () => {
      const html = await render(image("https://cdn.example.com/a.png", { title: "A caption" }));
      expect(html).toMatch(/<figure><img [^>]*src="https:\/\/cdn\.example\.com\/a\.png"[^>]*\/?>/);
      expect(html).toMatch(/<img [^>]*alt="Alt text"/);
      expect(html).toContain("<figcaption>A caption</figcaption>");
    });

    it("an image on another host, as it is", async () => {
      const html = await render(image("https://cdn.example.com/a.png"));
      expect(html).not.toContain("srcSet");
      expect(html).not.toContain("/_next/image");
    });

    it("an image in public/, in sizes from the image optimizer and with its own size", async () => {
      const html = await render(image("/demo/latency-budget.png"));
      expect(html).toMatch(/<img [^>]*src="\/demo\/latency-budget\.png"/);
      expect(html).toMatch(/<img [^>]*srcset="\/_next\/image\?url=%2Fdemo%2Flatency-budget\.png&amp;w=\d+&amp;q=\d+ \d+w, [^"]*\/demo\/latency-budget\.png 1600w"/);
      expect(html).toMatch(/<img [^>]*sizes="\(min-width: 48rem\) 45\.5rem, calc\(100vw - 2\.5rem\)"/);
      expect(html).toMatch(/<img [^>]*width="1600" height="600"/);
    });

    it("a site-relative image with no file behind it, as it is", async () => {
      const html = await render(image("/uploads/a.png"));
      expect(html).toMatch(/<img [^>]*src="\/uploads\/a\.png"/);
      expect(html).not.toContain("srcSet");
    });
  });

  describe("external links", () => {
    // Browsers read "https:\\evil.com" as https://evil.com/, so it counts as external too.
    it.each(["https://example.com/a", "http://example.com", "HTTPS://EXAMPLE.COM", "https:\\\\evil.com"])(
      "get rel noopener for %j",
      async (href) => {
        const html = await render(paragraph(text("Out", [link(href)])));
        expect(html).toMatch(/<a [^>]*rel="[^"]*\bnoopener\b[^"]*"/);
      },
    );
  });

  describe("escapes untrusted text", () => {
    it("renders markup in text as text", async () => {
      const html = await render(
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

    it("escapes quotes in attribute values", async () => {
      const html = await render(image("https://example.com/a.png", { alt: '" onerror="alert(1)', title: '"><script>x</script>' }));
      expect(html).not.toMatch(/<script/i);
      expect(eventHandlers(html)).toEqual([]);
      expect(attributeNames(html).sort()).toEqual(["alt", "class", "class", "decoding", "loading", "src", "title"]);
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
    ])("renders the text of a link to %j without the link", async (href) => {
      const html = await render(paragraph(text("Before "), text("click me", [link(href)]), text(" after")));
      expect(html).toContain("<p>Before click me after</p>");
      expect(html).not.toContain("<a");
      expect(html.toLowerCase()).not.toContain("javascript:");
      expect(html).not.toContain("data:");
      expect(html).not.toContain("vbscript:");
      expect(html).not.toContain("evil.com");
    });

    it("keeps no javascript: anywhere in a mixed document", async () => {
      const html = await render(
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
    it("does not render a backslash-disguised link to another host", async () => {
      const html = await render(paragraph(text("Docs", [link("/\\evil.com")])));
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
    ])("drops an image from %j", async (src) => {
      const html = await render(paragraph(text("Before")), image(src), paragraph(text("After")));
      expect(html).not.toContain("<img");
      expect(html).not.toContain("<figure");
      expect(html.toLowerCase()).not.toContain("javascript:");
      expect(html).not.toContain("data:");
      expect(html).toContain("<p>Before</p>");
      expect(html).toContain("<p>After</p>");
    });
  });

  describe("drops unknown attributes", () => {
    it("never emits event handlers or unknown attributes from the stored JSON", async () => {
      const html = await render(
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

  it("renders a level 1 heading stored by mistake below the post title", async () => {
    // Tiptap's Heading renders levels outside `levels` as the first allowed level.
    const html = await render({ type: "heading", attrs: { level: 1 }, content: [text("Too big")] });
    expect(html).not.toContain("<h1");
    expect(html).toContain('<h2 id="too-big">Too big</h2>');
  });

  it("rejects a stored document whose root is not a doc", async () => {
    await expect(PostBody({ doc: { type: "paragraph" } as unknown as PostDoc })).rejects.toEqual(
      expect.objectContaining({ code: "INVALID_DOCUMENT" }),
    );
  });

  describe("heading anchors", () => {
    it("gives each heading a unique id and a self-link named after it, beside the heading", async () => {
      const html = await render(
        { type: "heading", attrs: { level: 2 }, content: [text("Getting started")] },
        paragraph(text("Body.")),
        { type: "heading", attrs: { level: 3 }, content: [text("Getting started")] },
      );
      expect(html).toContain('<h2 id="getting-started">Getting started</h2><a href="#getting-started" aria-label="Link to section: Getting started"');
      expect(html).toContain('<h3 id="getting-started-2">Getting started</h3><a href="#getting-started-2" aria-label="Link to section: Getting started"');
    });

    it("uses the same ids as listHeadings, so the table of contents links land", async () => {
      const body = [
        { type: "heading", attrs: { level: 2 }, content: [text("One")] },
        { type: "heading", attrs: { level: 2 }, content: [text("One")] },
        { type: "heading", attrs: { level: 4 }, content: [text("Main")] },
      ];
      const html = await render(...body);
      const ids = [...html.matchAll(/<h[234] id="([^"]+)"/g)].map(([, id]) => id);
      expect(ids).toEqual(listHeadings(doc(...body)).map((heading) => heading.id));
      expect(ids).toEqual(["one", "one-2", "main-2"]);
    });

    it("escapes heading text in the link's name", async () => {
      const html = await render({ type: "heading", attrs: { level: 2 }, content: [text('"><script>x</script>')] });
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain('aria-label="Link to section: &quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    });
  });

  describe("code blocks", () => {
    const codeBlock = (language: string | null, code: string): Json => ({ type: "codeBlock", attrs: { language }, content: [text(code)] });

    it("highlights a known language on the server into token spans with a class per theme colour, and no inline styles", async () => {
      const html = await render(codeBlock("typescript", "const answer: number = 42;"));
      expect(html).toContain('<pre class="shiki" tabindex="0" data-language="typescript"><code>');
      const keyword = /<span class="(l\d+) (d\d+)">const<\/span>/.exec(html);
      expect(keyword).not.toBeNull();
      const number = /<span class="(l\d+) (d\d+)"> ?42<\/span>/.exec(html);
      expect(number?.[2]).not.toBe(keyword?.[2]);
      expect(html).not.toContain("style=");
      expect(textOf(html)).toBe("TypeScriptconst answer: number = 42;");
    });

    it("renders a colour the class table lacks as an inline variable on that token", () => {
      const tree: Root = {
        type: "root",
        children: [
          {
            type: "element",
            tagName: "pre",
            properties: { class: "shiki", tabindex: "0", "data-language": "typescript" },
            children: [
              {
                type: "element",
                tagName: "code",
                properties: {},
                children: [
                  { type: "element", tagName: "span", properties: { class: "d1", style: "--shiki-light:#123456" }, children: [{ type: "text", value: "const" }] },
                  { type: "text", value: " a" },
                ],
              },
            ],
          },
        ],
      };
      expect(codeBlockHtml({ tree, language: "typescript" }, null)).toContain(
        '<pre class="shiki" tabindex="0" data-language="typescript"><code><span class="d1" style="--shiki-light:#123456">const</span> a</code></pre>',
      );
    });

    it.each([
      ["py", "python", "def f(): pass"],
      ["SQL", "sql", "select 1"],
      ["sh", "bash", "echo hi"],
      ["yml", "yaml", "a: 1"],
      ["dockerfile", "docker", "FROM node:20"],
    ])("reads the language %j as %j", async (given, grammar, code) => {
      expect(await render(codeBlock(given, code))).toContain(`data-language="${grammar}"`);
    });

    it("keeps <script> in code as text inside the token spans", async () => {
      const html = await render(codeBlock("html", '<script>alert("x")</script>'), codeBlock("typescript", 'const s = "</code></pre><script>1</script>";'));
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain("&lt;script>1&lt;/script>");
      expect(eventHandlers(html)).toEqual([]);
      expect(textOf(html)).toContain('<script>alert("x")</script>');
      expect(textOf(html)).toContain('const s = "</code></pre><script>1</script>";');
    });

    it.each([["brainfuck"], [null], [""], ["constructor"], ["__proto__"]])("shows the language %j as plain themed text", async (language) => {
      const html = await render(codeBlock(language, "x <y> & z"));
      expect(html).toContain('data-language="text"');
      expect(html).not.toContain("code-block-label");
      expect(html).toContain('<pre class="shiki" tabindex="0" data-language="text"><code>x &lt;y> &amp; z</code></pre>');
    });

    it("keeps every line, including blank ones, without a span per line", async () => {
      const html = await render(codeBlock("python", "a = 1\n\nb = 2"));
      expect(html).not.toContain('class="line"');
      expect(textOf(html)).toBe("Pythona = 1\n\nb = 2");
    });
  });

  describe("images", () => {
    it("load lazily and never grow wider than the column", async () => {
      const html = await render(image("https://cdn.example.com/a.png"));
      expect(html).toMatch(/<img [^>]*loading="lazy"/);
      expect(html).toMatch(/<img [^>]*decoding="async"/);
      expect(html).toMatch(/<img [^>]*class="[^"]*max-w-full/);
    });
  });

  describe("tables, toggles and callouts", () => {
    const cell = (type: "tableCell" | "tableHeader", value: string, attrs: Json = {}): Json => ({ type, attrs, content: [paragraph(text(value))] });
    const row = (...cells: Json[]): Json => ({ type: "tableRow", content: cells });

    it("a table with a header row: thead, th scope=col, in a focusable scrolling region", async () => {
      const html = await render({
        type: "table",
        content: [row(cell("tableHeader", "Option"), cell("tableHeader", "Default")), row(cell("tableCell", "port"), cell("tableCell", "3000", { align: "right" }))],
      });
      expect(html).toContain('<div class="table-scroll" role="region" aria-label="Table: Option, Default" tabindex="0"><table><thead><tr>');
      expect(html).toContain('<th scope="col"><p>Option</p></th>');
      expect(html).toContain('</tr></thead><tbody><tr><td><p>port</p></td><td data-align="right"><p>3000</p></td></tr></tbody></table></div>');
      expect(html).not.toContain("min-width");
    });

    it("a header column gets scope=row and spans are kept", async () => {
      const html = await render({
        type: "table",
        content: [row(cell("tableHeader", "Rows"), cell("tableCell", "wide", { colspan: 2 }))],
      });
      // The renderer writes HTML attribute names in lower case.
      expect(html).toContain('<tbody><tr><th scope="row"><p>Rows</p></th><td colspan="2"><p>wide</p></td></tr></tbody>');
      expect(html).not.toContain("<thead>");
    });

    it("a toggle as details and summary", async () => {
      const html = await render({
        type: "details",
        content: [
          { type: "detailsSummary", content: [text("Show the output")] },
          { type: "detailsContent", content: [paragraph(text("42"))] },
        ],
      });
      expect(html).toBe(
        '<div class="post-body prose prose-zinc dark:prose-invert sm:prose-lg"><details class="details"><summary class="details-summary">Show the output</summary><div class="details-content"><p>42</p></div></details></div>',
      );
    });

    it.each([
      ["warning", "warning", "Warning"],
      ["tip", "tip", "Tip"],
      ["javascript:alert(1)", "note", "Note"],
    ])("a callout of kind %s renders as %s with its label", async (stored, kind, label) => {
      const html = await render({ type: "callout", attrs: { kind: stored }, content: [paragraph(text("Mind the gap."))] });
      expect(html).toContain(`<div class="callout" data-callout="${kind}" role="note" aria-label="${label}"><p class="callout-label" aria-hidden="true">${label}</p><p>Mind the gap.</p></div>`);
    });
  });
});
