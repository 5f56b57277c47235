import { describe, expect, it } from "vitest";
import { escapeHtml, highlightedHtml, SEARCH_START_HTML, searchResultsHtml, searchTitle, type SearchHitView, type SearchResultsView } from "@/lib/search/html";

const hit = (overrides: Partial<SearchHitView> = {}): SearchHitView => ({
  id: "p1",
  slug: "first-post",
  publishedAt: new Date("2026-03-04T23:30:00Z"),
  author: { name: "Ada <Admin>" },
  tags: [{ slug: "data", name: "Data & AI" }],
  titleHighlights: [
    { text: "About ", highlight: false },
    { text: "<b>search</b>", highlight: true },
  ],
  snippet: [{ text: "A \"quoted\" 'body'", highlight: false }],
  ...overrides,
});

const results = (overrides: Partial<SearchResultsView> = {}): SearchResultsView => ({
  correctedQuery: null,
  match: "fulltext",
  hits: [hit()],
  total: 1,
  page: 1,
  totalPages: 1,
  ...overrides,
});

describe("escapeHtml", () => {
  it("escapes what React escapes in text and attributes", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;");
  });
});

describe("highlightedHtml", () => {
  it("marks highlighted pieces and escapes every piece", () => {
    expect(highlightedHtml([
      { text: "a<", highlight: false },
      { text: "b&", highlight: true },
    ])).toBe('a&lt;<mark class="search-highlight">b&amp;</mark>');
  });
});

describe("searchResultsHtml", () => {
  it("shows the start text when nothing was searched for", () => {
    expect(searchResultsHtml("", null, "UTC")).toBe(SEARCH_START_HTML);
  });

  it("renders a hit with escaped text, links, the date in the site's time zone and its tags", () => {
    const html = searchResultsHtml(`<script>alert("x")</script>`, results(), "America/New_York");
    expect(html).toContain('<h2 id="search-results-heading" class="text-lg font-semibold tracking-tight">1 result for <span class="break-words">“&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;”</span></h2>');
    expect(html).toContain('<a class="search-hit-link" href="/blog/first-post">About <mark class="search-highlight">&lt;b&gt;search&lt;/b&gt;</mark></a>');
    // 23:30 UTC on the 4th is the evening of the 4th in New York, and the 5th in Tokyo.
    expect(html).toContain('<time datetime="2026-03-04T23:30:00.000Z">March 4, 2026</time> · Ada &lt;Admin&gt;');
    expect(searchResultsHtml("x", results(), "Asia/Tokyo")).toContain(">March 5, 2026</time>");
    expect(html).toContain('<p class="search-hit-snippet">A &quot;quoted&quot; &#x27;body&#x27;</p>');
    expect(html).toContain('<ul aria-label="Tags" class="mt-3 flex flex-wrap gap-2"><li><a class="search-hit-tag" href="/tag/data">Data &amp; AI</a></li></ul>');
    expect(html).not.toContain("<script");
    expect(html).not.toContain('aria-label="Search results pages"');
  });

  it("leaves out an empty snippet and an empty tag list", () => {
    const html = searchResultsHtml("x", results({ hits: [hit({ snippet: [], tags: [] })] }), "UTC");
    expect(html).not.toContain("search-hit-snippet");
    expect(html).not.toContain('aria-label="Tags"');
  });

  it("says 'more than' for a total above what the pages can show (lib/search.ts counts no further)", () => {
    expect(searchResultsHtml("q", results({ total: 1001, totalPages: 100 }), "UTC")).toContain(">More than 1,000 results for <span");
  });

  it("pages: previous and next links carry the query, encoded, and the page numbers", () => {
    const middle = searchResultsHtml("a&b c", results({ total: 25, page: 2, totalPages: 3 }), "UTC");
    expect(middle).toContain("25 results for");
    expect(middle).toContain(" · page 2 of 3</span>");
    expect(middle).toContain('<a class="pagination-step px-4" rel="prev" href="/search?q=a%26b%20c">← Previous</a>');
    expect(middle).toContain('<a class="pagination-step px-4" rel="next" href="/search?q=a%26b%20c&amp;page=3">Next →</a>');
    expect(middle).toContain(">Page 2 of 3</p>");
    const first = searchResultsHtml("q", results({ total: 25, page: 1, totalPages: 3 }), "UTC");
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain('href="/search?q=q&amp;page=2"');
    const last = searchResultsHtml("q", results({ total: 25, page: 3, totalPages: 3 }), "UTC");
    expect(last).not.toContain('rel="next"');
  });

  it("a page past the last says how many there are and links to the first", () => {
    const html = searchResultsHtml("q", results({ hits: [], total: 12, page: 7, totalPages: 2 }), "UTC");
    expect(html).toContain("There are only 2 pages of results. ");
    expect(html).toContain('href="/search?q=q">Go to the first page</a>');
    expect(html).toContain(">Page 2 of 2</p>");
    expect(html).not.toContain('rel="prev"');
  });

  it("counts with thousands separators and notes a corrected spelling or a title match", () => {
    expect(searchResultsHtml("q", results({ total: 1000, totalPages: 100 }), "UTC")).toContain(">1,000 results for <span");
    expect(searchResultsHtml("q", results({ correctedQuery: "<postgres>" }), "UTC")).toContain(
      'Showing results for <strong class="font-semibold">&lt;postgres&gt;</strong>.',
    );
    expect(searchResultsHtml("q", results({ match: "title" }), "UTC")).toContain("these titles look similar.");
  });

  it("suggests what to try when nothing matched", () => {
    const html = searchResultsHtml("zz<", results({ hits: [], total: 0 }), "UTC");
    expect(html).toContain("No results for “zz&lt;”</h2>");
    expect(html).toContain('<a class="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300" href="/">Browse all posts →</a>');
  });

  it("says a query of stop words is too common to search for, and asks for another word", () => {
    const html = searchResultsHtml("The <with>", results({ match: "stopwords", hits: [], total: 0 }), "UTC");
    expect(html).toContain('<h2 id="search-results-heading" class="text-lg font-semibold tracking-tight break-words">“The &lt;with&gt;” is too common to search for</h2>');
    expect(html).toContain("Add a word that says what you are looking for.");
    expect(html).not.toContain("No results for");
    expect(html).toContain('href="/">Browse all posts →</a>');
  });
});

describe("searchTitle", () => {
  it("quotes the query, cut at 60 characters", () => {
    expect(searchTitle("")).toBe("Search");
    expect(searchTitle("cats")).toBe("Results for “cats”");
    expect(searchTitle(`${"a".repeat(59)} bcd`)).toBe(`Results for “${"a".repeat(59)}…”`);
  });
});
