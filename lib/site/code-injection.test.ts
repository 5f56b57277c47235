import { describe, expect, it } from "vitest";
import { headElements, headInjectionProblems } from "@/lib/site/code-injection";

describe("headElements", () => {
  it("keeps each head element with its attributes and its inner text exactly as written", () => {
    const html = [
      "<!-- analytics -->",
      '<script async src="https://plausible.io/js/script.js" data-domain="blog.example"></script>',
      '<script>if (a < b && c) { console.log("</div>") }</script>',
      '<meta name="google-site-verification" content="a&amp;b">',
      "<style>body > p { color: red }</style>",
      '<noscript><img src="/pixel.gif" alt=""></noscript>',
    ].join("\n");
    expect(headElements(html)).toEqual([
      { tag: "script", attributes: { async: "", src: "https://plausible.io/js/script.js", "data-domain": "blog.example" }, innerHtml: "" },
      { tag: "script", attributes: {}, innerHtml: 'if (a < b && c) { console.log("</div>") }' },
      { tag: "meta", attributes: { name: "google-site-verification", content: "a&b" }, innerHtml: "" },
      { tag: "style", attributes: {}, innerHtml: "body > p { color: red }" },
      { tag: "noscript", attributes: {}, innerHtml: '<img src="/pixel.gif" alt="">' },
    ]);
  });

  it("leaves out what cannot be in the head, and reports it", () => {
    expect(headElements('<div>x</div><meta charset="utf-8">').map((element) => element.tag)).toEqual(["meta"]);
    expect(headInjectionProblems("<div>x</div> stray <p>y</p><script></script>")).toEqual(["div", "p", "text"]);
    expect(headInjectionProblems("  <!-- only a comment -->  ")).toEqual([]);
    expect(headElements("")).toEqual([]);
  });
});
