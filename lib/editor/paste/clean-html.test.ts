import { Window } from "happy-dom";
import { afterAll, describe, expect, it } from "vitest";
import { cleanPastedHtml, type HtmlParser } from "@/lib/editor/paste/clean-html";

const window = new Window();
const parser = new window.DOMParser() as unknown as HtmlParser;
afterAll(() => window.close());

const clean = (html: string) => cleanPastedHtml(html, parser);

/** Whitespace between tags does not matter to the editor's parser. */
const squash = (html: string) => html.replace(/>\s+</g, "><").trim();

// Shaped like Chrome's text/html for a copy from Google Docs: a meta tag, then everything inside the
// docs-internal-guid <b>, styled spans, a <br> between blocks, a table with colgroup and styled cells.
const GOOGLE_DOCS = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-2c0f1a7e-7fff-4d1b-9b4e-1d2f3a4b5c6d"><h1 dir="ltr" style="line-height:1.38;margin-top:20pt;margin-bottom:6pt;"><span style="font-size:20pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">Release notes</span></h1><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;">Run </span><span style="font-size:11pt;font-family:'Courier New',monospace;color:#000000;font-weight:400;">npm ci</span><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:700;font-style:normal;"> first</span><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;font-style:italic;">, always</span><span style="font-size:11pt;">. See </span><a href="https://example.com/docs" style="text-decoration:none;"><span style="font-size:11pt;color:#1155cc;text-decoration:underline;-webkit-text-decoration-skip:none;">the docs</span></a></p><br><ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="ltr" role="presentation" style="line-height:1.38;"><span style="font-size:11pt;font-weight:400;">First</span></p></li><ul style="margin-top:0;margin-bottom:0;"><li dir="ltr" style="list-style-type:circle;" aria-level="2"><p dir="ltr" role="presentation"><span style="font-weight:400;">Nested</span></p></li></ul></ul><br><div dir="ltr" style="margin-left:0pt;" align="left"><table style="border:none;border-collapse:collapse;"><colgroup><col width="200"><col width="200"></colgroup><tbody><tr style="height:0pt"><td style="border-left:solid #000000 1pt;vertical-align:top;padding:5pt 5pt 5pt 5pt;overflow:hidden;overflow-wrap:break-word;"><p dir="ltr" style="line-height:1.2;"><span style="font-size:11pt;font-weight:700;">Flag</span></p></td><td style="vertical-align:top;"><p dir="ltr"><span style="font-size:11pt;font-weight:700;">Meaning</span></p></td></tr><tr style="height:0pt"><td style="vertical-align:top;"><p dir="ltr"><span style="font-size:11pt;font-family:'Courier New',monospace;font-weight:400;">--ci</span></p></td><td style="vertical-align:top;"><p dir="ltr"><span style="font-size:11pt;font-weight:400;">No prompts</span></p></td></tr></tbody></table></div><p dir="ltr" style="line-height:1.38;"><span style="font-size:11pt;font-weight:400;">Measured twice</span><sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup><span style="font-size:11pt;">.</span></p><hr><div><p dir="ltr"><a href="#ftnt_ref1" id="ftnt1">[1]</a><span style="font-size:10pt;"> On two cores.</span></p></div></b><br class="Apple-interchange-newline">`;

// Shaped like Word's text/html: Office namespaces, mso- classes and styles, conditional comments around
// list bullets, <o:p> spacers, and a footnote reference with its note.
const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {margin:0cm;} --></style></head><body lang=EN-GB style='tab-interval:36.0pt'><!--StartFragment--><h2><span lang=EN-GB>Setup<o:p></o:p></span></h2><p class=MsoNormal>Install the <b>tools</b><span style='mso-spacerun:yes'> </span>and <i>check</i> them.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Download<o:p></o:p></p><p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-add-space:auto;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Check the hash<o:p></o:p></p><p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span></span><![endif]>Install<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp;</span></span></span><![endif]>Step one<o:p></o:p></p><p class=MsoNormal>Fast<a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference>[1]</span><![endif]></span></span></a>.<o:p></o:p></p><div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all><hr align=left size=1 width="33%"><![endif]><div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference>[1]</span><![endif]></span></span></a> Measured on a laptop.<o:p></o:p></p></div></div><!--EndFragment--></body></html>`;

// Shaped like VS Code's text/html for a copied selection: monospace div with white-space: pre, a div per line.
const VSCODE = `<meta charset='utf-8'><div style="color: #cccccc;background-color: #1f1f1f;font-family: Consolas, 'Courier New', monospace;font-weight: normal;font-size: 14px;line-height: 19px;white-space: pre;"><div><span style="color: #569cd6;">const</span><span style="color: #cccccc;"> </span><span style="color: #4fc1ff;">a</span><span style="color: #cccccc;"> = </span><span style="color: #b5cea8;">1</span><span style="color: #cccccc;">;</span></div><br><div><span style="color: #c586c0;">if</span><span style="color: #cccccc;"> (a &lt; 2) {}</span></div></div>`;

// Shaped like a copy from a rendered GitHub README: highlighted code, a copy button, an alert, a
// footnote reference and the footnotes section, a table with a header row.
const GITHUB = `<meta charset='utf-8'><h2 dir="auto" tabindex="-1" class="heading-element">Usage</h2><div class="highlight highlight-source-shell notranslate position-relative overflow-auto" dir="auto"><pre>npm install quire
npm start</pre><div class="zeroclipboard-container"><clipboard-copy aria-label="Copy" class="ClipboardButton btn"><svg aria-hidden="true" height="16"><path d="M0 0"></path></svg></clipboard-copy><button>Copy</button></div></div><div class="markdown-alert markdown-alert-warning" dir="auto"><p class="markdown-alert-title" dir="auto"><svg class="octicon" viewBox="0 0 16 16"><path d="M6"></path></svg>Warning</p><p dir="auto">Back up first.</p></div><p dir="auto">Fast<sup><a href="#user-content-fn-1-abc" id="user-content-fnref-1-abc" data-footnote-ref="" aria-describedby="footnote-label">1</a></sup>.</p><markdown-accessiblity-table><table><thead><tr><th>Flag</th><th align="right">Default</th></tr></thead><tbody><tr><td><code>--port</code></td><td align="right">3000</td></tr></tbody></table></markdown-accessiblity-table><section data-footnotes="" class="footnotes"><h2 id="footnote-label" class="sr-only">Footnotes</h2><ol><li id="user-content-fn-1-abc"><p>On CI. <a href="#user-content-fnref-1-abc" data-footnote-backref="" aria-label="Back to reference 1" class="data-footnote-backref">↩</a></p></li></ol></section><iframe src="https://www.youtube.com/embed/x"></iframe><img src="data:image/png;base64,iVBORw0KGgo=" alt="inline"><img src="https://example.com/a.png" alt="ok"><details><summary>More</summary><p>Hidden text</p></details>`;

describe("cleanPastedHtml", () => {
  describe("Google Docs", () => {
    const { html, losses } = clean(GOOGLE_DOCS);

    it("drops the docs-internal-guid wrapper, which would otherwise read as bold", () => {
      expect(html).not.toMatch(/docs-internal-guid|<b[\s>]/);
    });

    it("turns styled spans into marks and drops every style, class, id and dir", () => {
      expect(squash(html)).toContain('<p>Run <code>npm ci</code><strong> first</strong><em>, always</em>. See <a href="https://example.com/docs">the docs</a></p>');
      expect(html).not.toMatch(/\s(?:style|class|id|dir|role|aria-level|align)=/);
      expect(html).not.toContain("<span");
      expect(html).not.toContain("<u>");
    });

    it("shifts the h1 to h2 (the title is the only h1)", () => {
      expect(html).toContain("<h2>Release notes</h2>");
    });

    it("moves a sub-list into its parent item", () => {
      expect(squash(html)).toContain("<ul><li><p>First</p><ul><li><p>Nested</p></li></ul></li></ul>");
    });

    it("keeps the table, without the styles and colgroup widths", () => {
      expect(squash(html)).toContain("<table><colgroup><col><col></colgroup><tbody><tr><td><p><strong>Flag</strong></p></td>");
      expect(squash(html)).toContain("<td><p><code>--ci</code></p></td><td><p>No prompts</p></td>");
    });

    it("drops the <br> Google Docs puts between blocks", () => {
      expect(html).not.toContain("<br");
    });

    it("turns the footnote into a reference and a note at the end, without the links, and reports nothing", () => {
      expect(squash(html)).toMatch(/<p>Measured twice<sup data-footnote-ref="(fn\w+)">1<\/sup>\.<\/p><ol data-footnotes=""><li data-footnote="\1"><p>\s?On two cores\.<\/p><\/li><\/ol>$/);
      expect(html).not.toContain("#ftnt");
      expect(html).not.toContain("<hr");
      expect(losses).toEqual([]);
    });
  });

  describe("Word", () => {
    const { html, losses } = clean(WORD);

    it("drops Office namespaces, <o:p>, mso styles, classes and conditional comments", () => {
      expect(html).not.toMatch(/o:p|mso-|Mso|<!--|supportLists|lang=|<style/i);
      expect(squash(html)).toContain("<h2>Setup</h2>");
      expect(squash(html)).toContain("<p>Install the <b>tools</b> and <i>check</i> them.</p>");
    });

    it("rebuilds bullet and numbered lists, nested by level, without the bullet characters", () => {
      expect(squash(html)).toContain("<ul><li><p>Download</p><ul><li><p>Check the hash</p></li></ul></li><li><p>Install</p></li></ul>");
      expect(squash(html)).toContain("<ol><li><p>Step one</p></li></ol>");
      expect(html).not.toContain("·");
    });

    it("drops the empty spacer paragraphs", () => {
      expect(html).not.toMatch(/<p>(?:\s|&nbsp;|\u00a0)*<\/p>/);
    });

    it("turns the footnote into a reference and a note", () => {
      expect(squash(html)).toMatch(/<p>Fast<sup data-footnote-ref="(fn\w+)">1<\/sup>\.<\/p><ol data-footnotes=""><li data-footnote="\1"><p>Measured on a laptop\.<\/p><\/li><\/ol>$/);
      expect(html).not.toContain("[1]");
      expect(losses).toEqual([]);
    });
  });

  describe("VS Code", () => {
    it("turns the monospace white-space: pre block into one code block, a line per div", () => {
      const { html } = clean(VSCODE);
      expect(html).toBe("<pre><code>const a = 1;\n\nif (a &lt; 2) {}</code></pre>");
    });
  });

  describe("web pages (a GitHub README)", () => {
    const { html, losses } = clean(GITHUB);

    it("keeps highlighted code as one block with its language, without the copy button", () => {
      expect(squash(html)).toContain('<pre><code class="language-shell">npm install quire\nnpm start</code></pre>');
      expect(html).not.toMatch(/<button|<svg|Copy|clipboard-copy>/);
    });

    it("turns the alert into a callout of the same kind, without its title line", () => {
      expect(squash(html)).toContain('<div data-callout="warning"><p>Back up first.</p></div>');
    });

    it("keeps the table, its header row and inline code", () => {
      expect(squash(html)).toContain("<table><thead><tr><th>Flag</th><th>Default</th></tr></thead><tbody><tr><td><code>--port</code></td>");
    });

    it("keeps toggles as details and summary", () => {
      expect(squash(html)).toContain("<details><summary>More</summary><p>Hidden text</p></details>");
    });

    it("keeps the footnote, reports the embedded video and the image stored in the page, and keeps the web image", () => {
      expect(squash(html)).toMatch(/<p>Fast<sup data-footnote-ref="(fn\w+)">1<\/sup>\.<\/p>.*<ol data-footnotes=""><li data-footnote="\1"><p>On CI\.\s*<\/p><\/li><\/ol>$/);
      expect(html).not.toContain("Footnotes</h2>");
      expect(html).not.toContain("↩");
      expect(html).not.toMatch(/<iframe|data:image/);
      expect(html).toContain('<img src="https://example.com/a.png" alt="ok">');
      expect(losses.map((loss) => [loss.kind, loss.count])).toEqual([
        ["media", 1],
        ["images", 1],
      ]);
      for (const loss of losses) expect(loss.message.length).toBeGreaterThan(20);
    });
  });

  describe("Markdown alerts and plain HTML", () => {
    it("turns a > [!TIP] quote into a tip callout", () => {
      const { html } = clean("<blockquote><p>[!TIP]\nUse the cache.</p></blockquote>");
      expect(squash(html)).toBe('<div data-callout="tip"><p>Use the cache.</p></div>');
    });

    it("leaves an ordinary quote and a table with <td> header cells in <thead> as header cells", () => {
      const { html, losses } = clean("<blockquote><p>Quoted</p></blockquote><table><thead><tr><td>A</td></tr></thead><tbody><tr><td>1</td></tr></tbody></table>");
      expect(squash(html)).toBe("<blockquote><p>Quoted</p></blockquote><table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>");
      expect(losses).toEqual([]);
    });

    it("keeps ProseMirror's slice marker, so a copy within the editor pastes as it was copied", () => {
      expect(clean('<p data-pm-slice="1 1 []" style="x">a</p>').html).toBe('<p data-pm-slice="1 1 []">a</p>');
    });

    it("never keeps event handlers or script", () => {
      const { html } = clean('<p onclick="x()">a<script>alert(1)</script><img src="https://e.com/i.png" onerror="alert(1)"></p>');
      expect(html).toBe('<p>a<img src="https://e.com/i.png"></p>');
    });
  });
});
