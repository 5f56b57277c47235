import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { PostBody } from "@/components/posts/post-body";
import type { PostDoc } from "@/lib/editor/doc";
import { renderPostHtml } from "@/lib/post-html";

vi.mock("next/cache", () => ({ cacheLife: () => undefined, cacheTag: () => undefined }));
vi.setConfig({ testTimeout: 30_000 });

type Json = Record<string, unknown>;

const text = (value: string): Json => ({ type: "text", text: value });
const paragraph = (...content: Json[]): Json => ({ type: "paragraph", content });
const doc = (...content: Json[]) => ({ type: "doc", content }) as PostDoc;
const render = async (...content: Json[]) => renderToStaticMarkup(await PostBody({ doc: doc(...content) }));
const feed = (...content: Json[]) => renderPostHtml(doc(...content), "https://blog.example.com/blog/p");
const ref = (id: string): Json => ({ type: "footnoteReference", attrs: { id } });
const note = (id: string, value: string): Json => ({ type: "footnote", attrs: { id }, content: [paragraph(text(value))] });

describe("math", () => {
  it("renders formulas to KaTeX markup with MathML on the server, and no script", async () => {
    const html = await render(paragraph(text("Euler: "), { type: "mathInline", attrs: { latex: "e^{i\\pi}+1=0" } }), { type: "mathBlock", attrs: { latex: "\\int_0^1 x\\,dx" } });
    expect(html).toContain('class="math-inline"');
    expect(html).toContain('class="math-display"');
    expect(html).toContain("<math");
    expect(html).toContain('class="katex"');
    expect(html).not.toContain("<script");
  });

  it("shows a formula KaTeX cannot read as its source in <code>, without throwing", async () => {
    const html = await render({ type: "mathBlock", attrs: { latex: "\\frac{1}{<b>" } }, paragraph({ type: "mathInline", attrs: { latex: "\\nope" } }));
    expect(html).toContain('<code class="math-error"');
    expect(html).toContain("\\frac{1}{&lt;b&gt;</code>");
    expect(html).toContain("\\nope</code>");
    expect(feed({ type: "mathBlock", attrs: { latex: "\\frac{1}{" } })).toContain("<code>\\frac{1}{</code>");
  });

  it("gives feeds MathML without KaTeX's HTML", () => {
    const html = feed(paragraph({ type: "mathInline", attrs: { latex: "x^2" } }));
    expect(html).toContain("<math");
    expect(html).not.toContain("katex-html");
  });
});

describe("footnotes", () => {
  const body = [paragraph(text("First"), ref("b"), text(" second"), ref("a"), text(" again"), ref("b")), { type: "footnotes", content: [note("a", "Note A."), note("b", "Note B.")] }];

  it("numbers references in reading order with links both ways on the reader page", async () => {
    const html = await render(...body);
    expect(html).toContain('<sup class="footnote-ref" id="fnref-b"><a href="#fn-b" aria-label="Footnote 1">1</a></sup>');
    expect(html).toContain('<sup class="footnote-ref" id="fnref-a"><a href="#fn-a" aria-label="Footnote 2">2</a></sup>');
    expect(html).toContain('id="fnref-b-2"');
    const list = html.slice(html.indexOf('<section class="footnotes"'));
    expect(list.indexOf('id="fn-b"')).toBeLessThan(list.indexOf('id="fn-a"'));
    expect(list).toContain('href="#fnref-a"');
  });

  it("numbers them the same way in feeds, with absolute links", () => {
    const html = feed(...body);
    expect(html).toContain('<sup id="fnref-b"><a href="https://blog.example.com/blog/p#fn-b">1</a></sup>');
    expect(html.indexOf('<li id="fn-b">')).toBeLessThan(html.indexOf('<li id="fn-a">'));
  });
});

describe("embeds", () => {
  const video = { type: "embed", attrs: { provider: "youtube", id: "dQw4w9WgXcQ", title: "Talk <b>" } };

  it("renders a placeholder with no frame and nothing from the provider, plus the loader script", async () => {
    const html = await render(video);
    expect(html).not.toContain("<iframe");
    expect(html).toContain("Talk &lt;b&gt;");
    expect(html).toContain('data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
    expect(html).toContain('src="/embed-loader.js"');
    expect(html).not.toMatch(/ (src|href)="https:\/\/www\.youtube-nocookie/);
  });

  it("renders a gist as a link card with no script or frame", async () => {
    const html = await render({ type: "embed", attrs: { provider: "gist", id: "octocat/6cad326836d38bd3a7ae", title: "Snippet" } });
    expect(html).toContain('href="https://gist.github.com/octocat/6cad326836d38bd3a7ae"');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("data-embed-src");
  });

  it("drops a stored embed with a forged id instead of building a URL from it", async () => {
    const html = await render({ type: "embed", attrs: { provider: "youtube", id: "x\" onload=\"alert(1)" } });
    expect(html).not.toContain("embed");
    expect(feed({ type: "embed", attrs: { provider: "vimeo", id: "javascript:alert(1)" } })).toBe("");
  });

  it("gives feeds a link to the item on its own site", () => {
    expect(feed(video)).toBe('<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer nofollow">Talk &lt;b&gt;</a> (YouTube)</p>');
  });
});

describe("images, galleries and code", () => {
  it("renders caption and width as <figure>, <figcaption> and a class", async () => {
    const html = await render({ type: "image", attrs: { src: "https://cdn.example/a.png", alt: "Chart", caption: "Fig. 1 <i>", layout: "wide" } });
    expect(html).toMatch(/<figure class="figure-wide"><img[^>]*alt="Chart"/);
    expect(html).toContain("<figcaption>Fig. 1 &lt;i&gt;</figcaption>");
    expect(feed({ type: "image", attrs: { src: "https://cdn.example/a.png", alt: "Chart", caption: "Cap", layout: "full" } })).toContain('<figure data-layout="full">');
  });

  it("renders a gallery as a grid of figures, each with its alt", async () => {
    const img = (alt: string) => ({ type: "image", attrs: { src: `https://cdn.example/${alt}.png`, alt } });
    const html = await render({ type: "gallery", content: [img("one"), img("two"), img("three")] });
    expect(html).toMatch(/<div class="gallery">(<figure><img[^>]*alt="(one|two|three)"[^>]*\/?><\/figure>){3}<\/div>/);
  });

  it("shows a code block's filename above it, on the page and in feeds", async () => {
    const code = { type: "codeBlock", attrs: { language: "python", filename: "app/main.py" }, content: [text("print(1)")] };
    const html = await render(code);
    expect(html).toContain('<span class="code-block-filename">app/main.py</span><span>Python</span>');
    expect(feed(code)).toBe('<figure><figcaption>app/main.py</figcaption><pre><code class="language-python">print(1)</code></pre></figure>');
  });
});

describe("task lists", () => {
  const item = (value: string, checked: boolean, ...nested: Json[]): Json => ({ type: "taskItem", attrs: { checked }, content: [paragraph(text(value)), ...nested] });
  const list = (...items: Json[]): Json => ({ type: "taskList", content: items });
  const body = list(item("Write <it>", true), item("Review", false, list(item("Tables", true))));

  it("renders a list whose items carry a disabled checkbox named after the item, checked or not, and no script", async () => {
    const html = await render(body);
    expect(html).toContain('<ul class="task-list" role="list"><li class="task-item" data-checked="true"><input type="checkbox" class="task-checkbox" disabled aria-label="Write &lt;it&gt;" checked><div class="task-content"><p>Write &lt;it&gt;</p></div></li>');
    expect(html).toContain('<li class="task-item" data-checked="false"><input type="checkbox" class="task-checkbox" disabled aria-label="Review"><div class="task-content"><p>Review</p><ul class="task-list" role="list"><li class="task-item" data-checked="true">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<label");
  });

  it("gives feeds ☑ and ☐ at the start of each item, without form controls", () => {
    expect(feed(body)).toBe("<ul><li><p>☑ Write &lt;it&gt;</p></li><li><p>☐ Review</p><ul><li><p>☑ Tables</p></li></ul></li></ul>");
  });
});
