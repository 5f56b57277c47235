import { DOMParser as PMDOMParser } from "@tiptap/pm/model";
import { Window } from "happy-dom";
import { afterAll, describe, expect, it } from "vitest";
import { postSchema } from "@/lib/editor/doc";
import { cleanPastedHtml, type HtmlParser } from "@/lib/editor/paste/clean-html";

const window = new Window();
const parser = new window.DOMParser() as unknown as HtmlParser;
afterAll(() => window.close());

/** Pasted HTML as the editor reads it: cleaned, then parsed by the post schema's own parse rules. */
function pasted(html: string) {
  const cleaned = cleanPastedHtml(html, parser).html;
  const body = parser.parseFromString(cleaned, "text/html").body;
  return PMDOMParser.fromSchema(postSchema).parse(body as unknown as Node).toJSON() as { content: { type: string; attrs?: Record<string, unknown>; content?: unknown[] }[] };
}

const types = (node: unknown): string[] => {
  const { type, content } = node as { type: string; content?: unknown[] };
  return [type, ...(content ?? []).flatMap(types)];
};

describe("pasted blocks in the post schema", () => {
  it("a table keeps its rows, header cells and data cells", () => {
    const doc = pasted("<table><thead><tr><th>Flag</th><th>Default</th></tr></thead><tbody><tr><td>--port</td><td>3000</td></tr></tbody></table>");
    expect(doc.content.map((block) => block.type)).toEqual(["table"]);
    const [header, row] = (doc.content[0]!.content ?? []) as unknown[];
    expect(types(header)).toEqual(["tableRow", "tableHeader", "paragraph", "text", "tableHeader", "paragraph", "text"]);
    expect(types(row)).toEqual(["tableRow", "tableCell", "paragraph", "text", "tableCell", "paragraph", "text"]);
  });

  it("<details> becomes a toggle: its summary, then its other blocks as the content", () => {
    const doc = pasted("<details><summary>More</summary><p>One</p><ul><li>Two</li></ul></details>");
    expect(types(doc.content[0])).toEqual(["details", "detailsSummary", "text", "detailsContent", "paragraph", "text", "bulletList", "listItem", "paragraph", "text"]);
  });

  it("a GitHub alert becomes a callout of its kind", () => {
    const doc = pasted('<div class="markdown-alert markdown-alert-warning"><p class="markdown-alert-title">Warning</p><p>Back up.</p></div>');
    expect(doc.content[0]).toEqual({ type: "callout", attrs: { kind: "warning" }, content: [{ type: "paragraph", content: [{ type: "text", text: "Back up." }] }] });
  });

  it("a Word list becomes a nested bullet list", () => {
    const doc = pasted(
      "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·</span>A</p><p class=MsoListParagraphCxSpLast style='mso-list:l0 level2 lfo1'><span style='mso-list:Ignore'>o</span>B</p>",
    );
    expect(types(doc.content[0])).toEqual(["bulletList", "listItem", "paragraph", "text", "bulletList", "listItem", "paragraph", "text"]);
  });

  it("a highlighted code block keeps its language", () => {
    const doc = pasted('<div class="highlight highlight-source-python"><pre><span class="k">def</span> f():\n    pass</pre></div>');
    expect(doc.content[0]).toEqual({ type: "codeBlock", attrs: { language: "python" }, content: [{ type: "text", text: "def f():\n    pass" }] });
  });
});

describe("pasted footnotes in the post schema", () => {
  it("become a footnote reference and a note in the footnotes list", () => {
    const doc = pasted('<p>Fast<sup><a href="#fn1" id="fnref1">1</a></sup>.</p><section class="footnotes"><ol><li id="fn1"><p>On CI. <a href="#fnref1" class="footnote-back">↩</a></p></li></ol></section>');
    const reference = (doc.content[0]?.content as { type: string; attrs?: { id?: string } }[])[1];
    expect(reference?.type).toBe("footnoteReference");
    const list = doc.content.at(-1) as { type: string; content: { type: string; attrs: { id: string }; content: unknown[] }[] };
    expect(list.type).toBe("footnotes");
    expect(list.content).toEqual([{ type: "footnote", attrs: { id: reference?.attrs?.id }, content: [{ type: "paragraph", content: [{ type: "text", text: "On CI." }] }] }]);
  });
});
