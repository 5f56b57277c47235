import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { renderFeedDocument, type FeedDocumentEntry, type FeedDocumentInput } from "@/lib/feed-document";
import { xmlError } from "@/tests/xml";

const entry = (n: number, fields: Partial<FeedDocumentEntry> = {}): FeedDocumentEntry => ({
  id: `tag:blog.example.com,2026-01-0${n}:post:id${n}`,
  title: `Post ${n}`,
  url: `https://blog.example.com/blog/post-${n}`,
  summary: `Summary ${n}`,
  contentHtml: `<p>Body ${n}</p>`,
  published: new Date(Date.UTC(2026, 0, n)),
  updated: new Date(Date.UTC(2026, 0, n, 12)),
  author: { name: "Ada", url: "https://blog.example.com/author/ada" },
  tags: [{ name: "Rust", slug: "rust" }],
  ...fields,
});

const input = (entries: FeedDocumentEntry[], fields: Partial<FeedDocumentInput> = {}): FeedDocumentInput => ({
  title: "Quire — Rust",
  description: "Posts tagged Rust.",
  pageUrl: "https://blog.example.com/tag/rust",
  feedUrls: {
    rss: "https://blog.example.com/tag/rust/rss.xml",
    atom: "https://blog.example.com/tag/rust/atom.xml",
    json: "https://blog.example.com/tag/rust/feed.json",
  },
  language: "en",
  entries,
  ...fields,
});

const hostile = entry(3, {
  title: `Ampersands & <b>tags</b> ]]>]]><injected/> "quotes"`,
  summary: `Less < more & ]]><x/>`,
  author: { name: `Eve <evil@example.com> & co`, url: "https://blog.example.com/author/eve" },
  tags: [
    { name: "C & C++", slug: "c-c" },
    { name: "<script>", slug: "script" },
  ],
});

describe("renderFeedDocument", () => {
  describe("RSS 2.0", () => {
    const xml = renderFeedDocument(input([entry(2), entry(1)]), "rss");
    const rss = parseRssFeed(xml);

    it("is well-formed and carries the channel, self link and entries in order", () => {
      expect(xmlError(xml)).toBeNull();
      expect(rss.title).toBe("Quire — Rust");
      expect(rss.link).toBe("https://blog.example.com/tag/rust");
      expect(rss.atom?.links?.[0]).toMatchObject({ href: "https://blog.example.com/tag/rust/rss.xml", rel: "self" });
      expect(rss.lastBuildDate).toBe(new Date(Date.UTC(2026, 0, 2, 12)).toUTCString());
      expect(rss.items?.map((item) => item.title)).toEqual(["Post 2", "Post 1"]);
    });

    it("gives each item its link, stable guid, date, summary, full content, creator and categories", () => {
      const [item] = rss.items ?? [];
      expect(item?.link).toBe("https://blog.example.com/blog/post-2");
      expect(item?.guid).toEqual({ value: "tag:blog.example.com,2026-01-02:post:id2", isPermaLink: false });
      expect(item?.pubDate).toBe(new Date(Date.UTC(2026, 0, 2)).toUTCString());
      expect(item?.description).toBe("Summary 2");
      expect(item?.content?.encoded).toBe("<p>Body 2</p>");
      expect(item?.dc?.creators).toEqual(["Ada"]);
      expect(item?.categories).toEqual([{ name: "Rust" }]);
    });
  });

  describe("Atom 1.0", () => {
    const xml = renderFeedDocument(input([entry(2), entry(1)]), "atom");
    const atom = parseAtomFeed(xml);

    it("is well-formed with id, title, updated, alternate and self links", () => {
      expect(xmlError(xml)).toBeNull();
      expect(atom.id).toBe("https://blog.example.com/tag/rust");
      expect(atom.title).toEqual({ value: "Quire — Rust" });
      expect(atom.updated).toBe("2026-01-02T12:00:00.000Z");
      expect(atom.links).toEqual([
        { rel: "alternate", href: "https://blog.example.com/tag/rust" },
        { rel: "self", href: "https://blog.example.com/tag/rust/atom.xml" },
      ]);
    });

    it("gives each entry its id, link, dates, summary, content, author and categories", () => {
      const [first] = atom.entries ?? [];
      expect(first?.id).toBe("tag:blog.example.com,2026-01-02:post:id2");
      expect(first?.links?.[0]?.href).toBe("https://blog.example.com/blog/post-2");
      expect(first?.published).toBe("2026-01-02T00:00:00.000Z");
      expect(first?.updated).toBe("2026-01-02T12:00:00.000Z");
      expect(first?.summary).toEqual({ value: "Summary 2", type: "html" });
      expect(first?.content).toEqual({ value: "<p>Body 2</p>", type: "html" });
      expect(first?.authors).toEqual([{ name: "Ada", uri: "https://blog.example.com/author/ada" }]);
      expect(first?.categories).toEqual([{ term: "rust", label: "Rust" }]);
    });
  });

  describe("JSON Feed 1.1", () => {
    const text = renderFeedDocument(input([entry(2), entry(1)], { icon: "https://blog.example.com/icon.png" }), "json");
    const json = JSON.parse(text);

    it("has the 1.1 version, the feed's required fields and its language", () => {
      // Required by https://www.jsonfeed.org/version/1.1/: version, title, items; each item an id and content.
      expect(json.version).toBe("https://jsonfeed.org/version/1.1");
      expect(typeof json.title).toBe("string");
      expect(Array.isArray(json.items)).toBe(true);
      for (const item of json.items) {
        expect(typeof item.id).toBe("string");
        expect(typeof item.content_html === "string" || typeof item.content_text === "string").toBe(true);
      }
      expect(json.language).toBe("en");
      expect(json.icon).toBe("https://blog.example.com/icon.png");
      // A strict parse of the same document agrees (feedsmith reads 1.0 and 1.1).
      const parsed = parseJsonFeed(text);
      expect(parsed).toMatchObject({ title: "Quire — Rust", language: "en", feed_url: "https://blog.example.com/tag/rust/feed.json" });
      expect(parsed.items?.map((item) => item.id)).toEqual(["tag:blog.example.com,2026-01-02:post:id2", "tag:blog.example.com,2026-01-01:post:id1"]);
    });

    it("gives each item its URLs, dates, plain-text title and summary, and an authors array (1.0's author is gone)", () => {
      expect(json.home_page_url).toBe("https://blog.example.com/tag/rust");
      expect(json.feed_url).toBe("https://blog.example.com/tag/rust/feed.json");
      expect(json.items[0]).toEqual({
        id: "tag:blog.example.com,2026-01-02:post:id2",
        url: "https://blog.example.com/blog/post-2",
        title: "Post 2",
        summary: "Summary 2",
        content_html: "<p>Body 2</p>",
        date_published: "2026-01-02T00:00:00.000Z",
        date_modified: "2026-01-02T12:00:00.000Z",
        authors: [{ name: "Ada", url: "https://blog.example.com/author/ada" }],
        tags: ["Rust"],
      });
      expect(json).not.toHaveProperty("author");
    });

    it("is a valid feed with no items", () => {
      const empty = JSON.parse(renderFeedDocument(input([]), "json"));
      expect(empty).toMatchObject({ version: "https://jsonfeed.org/version/1.1", title: "Quire — Rust", items: [] });
    });
  });

  describe("hostile titles, summaries, names and tags", () => {
    it.each(["rss", "atom"] as const)("stay well-formed %s, with no injected elements", (format) => {
      const xml = renderFeedDocument(input([hostile], { title: `Site & <i>co</i>`, description: "]]><x/>" }), format);
      expect(xmlError(xml)).toBeNull();
      expect(xml).not.toMatch(/<(injected|x|b|i|script)[\s/>]/);
    });

    it("reach RSS readers as entity-encoded text", () => {
      const [item] = parseRssFeed(renderFeedDocument(input([hostile]), "rss")).items ?? [];
      expect(item?.title).toBe("Ampersands &amp; &lt;b&gt;tags&lt;/b&gt; ]]&gt;]]&gt;&lt;injected/&gt; \"quotes\"");
      expect(item?.description).toBe("Less &lt; more &amp; ]]&gt;&lt;x/&gt;");
      expect(item?.dc?.creators).toEqual(["Eve <evil@example.com> & co"]);
      expect(item?.categories).toEqual([{ name: "C & C++" }, { name: "<script>" }]);
    });

    it("reach Atom readers as type=html text that decodes to the original", () => {
      const [first] = parseAtomFeed(renderFeedDocument(input([hostile]), "atom")).entries ?? [];
      expect(first?.title).toEqual({ value: "Ampersands &amp; &lt;b&gt;tags&lt;/b&gt; ]]&gt;]]&gt;&lt;injected/&gt; \"quotes\"", type: "html" });
      expect(first?.authors?.[0]?.name).toBe("Eve <evil@example.com> & co");
      // A label the library cannot write safely is left out; the term still names the tag.
      expect(first?.categories).toEqual([{ term: "c-c", label: "C & C++" }, { term: "script" }]);
    });

    it("reach JSON Feed readers unchanged, as the format's plain text", () => {
      const json = JSON.parse(renderFeedDocument(input([hostile]), "json"));
      expect(json.items[0].title).toBe(hostile.title);
      expect(json.items[0].summary).toBe(hostile.summary);
      expect(json.items[0].tags).toEqual(["C & C++", "<script>"]);
    });
  });

  it("dates an empty feed at the epoch, so the output depends only on its input", () => {
    const atom = parseAtomFeed(renderFeedDocument(input([]), "atom"));
    expect(atom.updated).toBe("1970-01-01T00:00:00.000Z");
    expect(atom.entries ?? []).toEqual([]);
  });
});
