import { describe, expect, it } from "vitest";
import { looksLikeMarkdown, markdownToHtml } from "@/lib/editor/paste/markdown";

const squash = (html: string) => html.replace(/>\s+</g, "><").trim();

describe("looksLikeMarkdown", () => {
  it.each([
    ["## Install\n\nRun it.", "a heading"],
    ["Steps:\n- one\n- two", "a bullet list"],
    ["1. one\n2. two", "an ordered list"],
    ["```ts\nconst a = 1\n```", "a fence"],
    ["| a | b |\n|---|---|\n| 1 | 2 |", "a table"],
    ["> quoted", "a quote"],
    ["See [the docs](https://example.com/docs) first.", "a link"],
    ["This is **important**.", "bold"],
  ])("recognises %j (%s)", (text) => {
    expect(looksLikeMarkdown(text)).toBe(true);
  });

  it.each([
    ["Just a sentence.", "prose"],
    ["Two lines\nof plain text", "plain lines"],
    ["Costs $5 - $10 #1 choice", "symbols mid-line"],
    ["C# and F# are languages", "hashes mid-line"],
  ])("leaves %j alone (%s)", (text) => {
    expect(looksLikeMarkdown(text)).toBe(false);
  });
});

describe("markdownToHtml", () => {
  it("turns headings, lists, fences, tables and links into HTML blocks", () => {
    const { html, footnotes } = markdownToHtml(
      "## Install\n\n- one\n- two\n\n1. first\n2. second\n\n```ts\nconst a = 1;\n```\n\n| Flag | Default |\n|---|--:|\n| `--port` | 3000 |\n\nSee [docs](https://example.com).\n",
    );
    expect(squash(html)).toBe(
      '<h2>Install</h2><ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol><pre><code class="language-ts">const a = 1;\n</code></pre>' +
        '<table><thead><tr><th>Flag</th><th align="right">Default</th></tr></thead><tbody><tr><td><code>--port</code></td><td align="right">3000</td></tr></tbody></table>' +
        '<p>See <a href="https://example.com">docs</a>.</p>',
    );
    expect(footnotes).toBe(0);
  });

  it("turns footnotes into the editor's references and notes, instead of marked's link definitions", () => {
    const { html, footnotes } = markdownToHtml("Fast[^speed] and cheap[^cost].\n\n[^cost]: On *sale*.\n[^speed]: On two cores.\n");
    expect(squash(html)).toMatch(
      /^<p>Fast<sup data-footnote-ref="(fn\w+)">\[1\]<\/sup> and cheap<sup data-footnote-ref="(fn\w+)">\[2\]<\/sup>\.<\/p><ol data-footnotes><li data-footnote="\1"><p>On two cores\.<\/p><\/li><li data-footnote="\2"><p>On <em>sale<\/em>\.<\/p><\/li><\/ol>$/,
    );
    expect(footnotes).toBe(2);
  });

  it("accepts Windows line ends", () => {
    expect(squash(markdownToHtml("# A\r\n\r\n- b\r\n").html)).toBe("<h1>A</h1><ul><li>b</li></ul>");
  });
});
