import { describe, expect, it } from "vitest";
import { chunkSitemap, escapeXml, renderSitemapIndex, renderUrlset, sitemapDocument, type SitemapSection } from "@/lib/sitemap-xml";
import { xmlError } from "@/tests/xml";

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
const urls = (prefix: string, count: number, firstDay = 1) =>
  Array.from({ length: count }, (_, i) => ({ loc: `https://blog.example.com/${prefix}/${i + 1}`, lastmod: day(firstDay + i) }));

const sections = (posts: number, tags: number, authors: number): SitemapSection[] => [
  { name: "pages", urls: [{ loc: "https://blog.example.com/", lastmod: day(posts) }] },
  { name: "posts", urls: urls("blog", posts) },
  { name: "tags", urls: urls("tag", tags) },
  { name: "authors", urls: urls("author", authors) },
];

const options = (limit: number) => ({ limit, childUrl: (file: string) => `https://blog.example.com/sitemaps/${file}` });
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map(([, loc]) => loc);
const lastmods = (xml: string) => [...xml.matchAll(/<lastmod>([^<]*)<\/lastmod>/g)].map(([, value]) => value);

describe("renderUrlset", () => {
  it("lists each URL with its lastmod in the sitemap namespace", () => {
    const xml = renderUrlset([{ loc: "https://blog.example.com/a", lastmod: day(2) }, { loc: "https://blog.example.com/b" }]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        "<url><loc>https://blog.example.com/a</loc><lastmod>2026-01-02T00:00:00.000Z</lastmod></url>\n" +
        "<url><loc>https://blog.example.com/b</loc></url>\n</urlset>\n",
    );
    expect(xmlError(xml)).toBeNull();
  });

  it("escapes every value, so hostile URLs stay well-formed text", () => {
    const loc = `https://blog.example.com/a?x=1&y=<script>"'</script>]]>`;
    const xml = renderUrlset([{ loc }]);
    expect(xmlError(xml)).toBeNull();
    expect(xml).not.toContain("<script>");
    expect(locs(xml)).toEqual([escapeXml(loc)]);
  });
});

describe("renderSitemapIndex", () => {
  it("lists each child sitemap with its lastmod, escaped", () => {
    const xml = renderSitemapIndex([{ loc: "https://blog.example.com/sitemaps/a.xml?x=1&y=2", lastmod: day(3) }, { loc: "https://blog.example.com/sitemaps/b.xml" }]);
    expect(xmlError(xml)).toBeNull();
    expect(xml).toContain(
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        "<sitemap><loc>https://blog.example.com/sitemaps/a.xml?x=1&amp;y=2</loc><lastmod>2026-01-03T00:00:00.000Z</lastmod></sitemap>\n" +
        "<sitemap><loc>https://blog.example.com/sitemaps/b.xml</loc></sitemap>\n</sitemapindex>\n",
    );
  });
});

describe("escapeXml", () => {
  it("escapes the five special characters", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });
});

describe("chunkSitemap", () => {
  it("splits each section into files of at most the limit, numbered from 1", () => {
    const chunks = chunkSitemap(sections(5, 2, 0), 2);
    expect(chunks.map((chunk) => [chunk.file, chunk.urls.length])).toEqual([
      ["pages-1.xml", 1],
      ["posts-1.xml", 2],
      ["posts-2.xml", 2],
      ["posts-3.xml", 1],
      ["tags-1.xml", 2],
    ]);
    expect(chunks.flatMap((chunk) => chunk.urls)).toEqual(sections(5, 2, 0).flatMap((section) => section.urls));
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses a limit of %d", (limit) => {
    expect(() => chunkSitemap(sections(1, 0, 0), limit)).toThrow(RangeError);
  });
});

describe("sitemapDocument", () => {
  it("is one urlset with every URL while they fit in one file, and has no children then", () => {
    const input = sections(3, 2, 1);
    const xml = sitemapDocument(input, null, options(7))!;
    expect(xml).toContain("<urlset");
    expect(locs(xml)).toEqual(input.flatMap((section) => section.urls.map((url) => url.loc)));
    expect(lastmods(xml)).toHaveLength(7);
    expect(sitemapDocument(input, "posts-1.xml", options(7))).toBeNull();
  });

  it("becomes an index of child sitemaps, each with its newest lastmod, past the limit", () => {
    const input = sections(5, 2, 1);
    const xml = sitemapDocument(input, null, options(2))!;
    expect(xmlError(xml)).toBeNull();
    expect(xml).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).not.toContain("<urlset");
    expect(locs(xml)).toEqual(
      ["pages-1.xml", "posts-1.xml", "posts-2.xml", "posts-3.xml", "tags-1.xml", "authors-1.xml"].map((file) => `https://blog.example.com/sitemaps/${file}`),
    );
    expect(lastmods(xml)).toEqual([day(5), day(2), day(4), day(5), day(2), day(1)].map((date) => date.toISOString()));
  });

  it("serves each child with its own URLs, and null for children that do not exist", () => {
    const input = sections(5, 2, 1);
    const children = ["pages-1.xml", "posts-1.xml", "posts-2.xml", "posts-3.xml", "tags-1.xml", "authors-1.xml"].map(
      (file) => sitemapDocument(input, file, options(2))!,
    );
    for (const child of children) {
      expect(xmlError(child)).toBeNull();
      expect(child).toContain("<urlset");
      expect(locs(child).length).toBeLessThanOrEqual(2);
    }
    expect(children.flatMap(locs)).toEqual(input.flatMap((section) => section.urls.map((url) => url.loc)));
    expect(locs(children[2]!)).toEqual(["https://blog.example.com/blog/3", "https://blog.example.com/blog/4"]);
    for (const missing of ["posts-4.xml", "posts-0.xml", "authors-2.xml", "comments-1.xml", "posts-1", "../posts-1.xml"]) {
      expect(sitemapDocument(input, missing, options(2))).toBeNull();
    }
  });

  it("switches to an index at exactly one URL over the limit", () => {
    const input = sections(4, 0, 0);
    expect(sitemapDocument(input, null, options(5))).toContain("<urlset");
    expect(sitemapDocument(sections(5, 0, 0), null, options(5))).toContain("<sitemapindex");
  });
});
