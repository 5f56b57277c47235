import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FootInjection, HeadInjection } from "@/components/site/code-injection";

describe("HeadInjection", () => {
  it("writes scripts and styles as written, with React's attribute names, and drops inline handlers", () => {
    const html = renderToStaticMarkup(
      <HeadInjection
        html={'<script defer src="https://a.example/s.js" crossorigin="anonymous" onload="x()"></script><script>if (a < b && c) go("&amp;")</script><meta http-equiv="x-ua-compatible" content="ie=edge"><style>a > b { color: red }</style>'}
      />,
    );
    expect(html).toContain('<script defer="" src="https://a.example/s.js" crossorigin="anonymous"></script>');
    expect(html).toContain('<script>if (a < b && c) go("&amp;")</script>');
    expect(html).toContain('<meta http-equiv="x-ua-compatible" content="ie=edge"/>');
    expect(html).toContain("<style>a > b { color: red }</style>");
    expect(html).not.toContain("onload");
  });
});

describe("FootInjection", () => {
  it("writes the footer HTML as written, and nothing when empty", () => {
    expect(renderToStaticMarkup(<FootInjection html={'<script>window.x = 1 < 2</script><p class="note">Hi</p>'} />)).toBe(
      '<div data-code-injection="foot" style="display:contents"><script>window.x = 1 < 2</script><p class="note">Hi</p></div>',
    );
    expect(renderToStaticMarkup(<FootInjection html="  " />)).toBe("");
  });
});
