import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Pagination, pageWindow } from "@/components/ui/pagination";

const hrefFor = (page: number) => (page <= 1 ? "/tag/x" : `/tag/x/page/${page}`);
/** The opening tag of each link, keyed by its visible text (screen-reader-only prefixes included). */
function links(html: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, open = "", inner = ""] of html.matchAll(/(<a [^>]*>)(.*?)<\/a>/g)) found.set(inner.replace(/<[^>]+>/g, ""), open);
  return found;
}

const render = (page: number, totalPages: number) => renderToStaticMarkup(<Pagination page={page} totalPages={totalPages} hrefFor={hrefFor} />);

describe("pageWindow", () => {
  it("shows every page when there are few", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(2, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(1, 5)).toEqual([1, 2, "gap", 5]);
  });

  it("keeps the ends and the current page's neighbours, and never hides a single page behind a gap", () => {
    expect(pageWindow(1, 10)).toEqual([1, 2, "gap", 10]);
    expect(pageWindow(10, 10)).toEqual([1, "gap", 9, 10]);
    expect(pageWindow(5, 10)).toEqual([1, "gap", 4, 5, 6, "gap", 10]);
    expect(pageWindow(4, 10)).toEqual([1, 2, 3, 4, 5, "gap", 10]);
    expect(pageWindow(3, 5)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("Pagination", () => {
  it("renders nothing for a single page", () => {
    expect(render(1, 1)).toBe("");
  });

  it("links newer and older pages with rel, and marks the current page", () => {
    const html = render(2, 3);
    expect(html).toContain('<nav aria-label="Pagination"');
    const byText = links(html);
    expect(byText.get("← Newer posts")).toMatch(/rel="prev".*href="\/tag\/x"/);
    expect(byText.get("Older posts →")).toMatch(/rel="next".*href="\/tag\/x\/page\/3"/);
    expect([...byText.keys()]).toEqual(["← Newer posts", "Page 1", "Page 2", "Page 3", "Older posts →"]);
    expect(html.match(/aria-current="page"/g)).toHaveLength(1);
    expect(byText.get("Page 2")).toMatch(/aria-current="page".*href="\/tag\/x\/page\/2"/);
  });

  it("has no newer link on the first page and no older link on the last", () => {
    expect(render(1, 2)).not.toContain("Newer posts");
    expect(render(1, 2)).toContain("Older posts");
    expect(render(2, 2)).toContain("Newer posts");
    expect(render(2, 2)).not.toContain("Older posts");
  });
});
