import { describe, expect, it } from "vitest";
import {
  onlyStopWords,
  buildTsQuery,
  lastSearchTerm,
  parseSearchPage,
  parseSearchQuery,
  searchKey,
  SEARCH_MAX_PAGE,
  SEARCH_MAX_PHRASES,
  SEARCH_MAX_WORDS,
  SEARCH_QUERY_MAX_LENGTH,
} from "@/lib/search-query";

// Characters with a meaning in tsquery syntax; none may survive into a word.
const TSQUERY_SYNTAX = /[&|!():*<>'\\\s]/;

describe("parseSearchQuery", () => {
  it("splits into lower-case words and keeps the text as typed, single-spaced", () => {
    expect(parseSearchQuery("  Vector   Search\tin Postgres ")).toEqual({ text: "Vector Search in Postgres", words: ["vector", "search", "in", "postgres"], phrases: [], compounds: [] });
  });

  it("treats missing, empty and whitespace-only input as no query", () => {
    for (const raw of [undefined, null, "", "   ", "\n\t", []]) {
      expect(parseSearchQuery(raw)).toEqual({ text: "", words: [], phrases: [], compounds: [] });
    }
  });

  it("takes the first value of a repeated search param", () => {
    expect(parseSearchQuery(["first", "second"]).words).toEqual(["first"]);
  });

  it.each([
    ["quotes", `"exact phrase" 'single'`, ["exact", "phrase", "single"]],
    ["tsquery operators", "a & b | !c <-> d:* (e) <2> f", ["a", "b", "c", "d", "e", "2", "f"]],
    ["operators only", "& | ! : * ( ) < > <->", []],
    ["backslashes", "back\\slash \\\\ \\'", ["back", "slash"]],
    ["SQL", `'"); DROP TABLE posts; --`, ["drop", "table", "posts"]],
    ["SQL comment and union", "1' OR '1'='1' /* */ UNION SELECT", ["1", "or", "union", "select"]],
    ["websearch syntax", `-not "or" OR +plus`, ["not", "or", "plus"]],
  ])("drops every syntax character from %s", (_name, raw, words) => {
    const parsed = parseSearchQuery(raw);
    expect(parsed.words).toEqual(words);
    for (const word of parsed.words) expect(word).not.toMatch(TSQUERY_SYNTAX);
  });

  it("caps a 10,000-character query and its word count", () => {
    const parsed = parseSearchQuery("word ".repeat(2000) + "x".repeat(10_000));
    expect(parsed.text.length).toBeLessThanOrEqual(SEARCH_QUERY_MAX_LENGTH);
    expect(parsed.words).toEqual(["word"]);
    const many = parseSearchQuery(Array.from({ length: 50 }, (_, i) => `w${i}`).join(" "));
    expect(many.words).toHaveLength(SEARCH_MAX_WORDS);
    expect(many.words[0]).toBe("w0");
  });

  it("drops words too long to be real", () => {
    expect(parseSearchQuery(`short ${"a".repeat(61)}`).words).toEqual(["short"]);
    expect(parseSearchQuery("a".repeat(60)).words).toEqual(["a".repeat(60)]);
  });

  it("keeps letters of any script and drops emoji without splitting surrogate pairs", () => {
    const parsed = parseSearchQuery("Café 🚀 naïve 日本語 Ωmega 🎉");
    expect(parsed.words).toEqual(["café", "naïve", "日本語", "ωmega"]);
    expect(parsed.text).toBe("Café 🚀 naïve 日本語 Ωmega 🎉");
    const capped = parseSearchQuery("🚀".repeat(SEARCH_QUERY_MAX_LENGTH + 5)).text;
    expect(Array.from(capped)).toHaveLength(SEARCH_QUERY_MAX_LENGTH);
    expect(capped.isWellFormed()).toBe(true);
    expect(parseSearchQuery("🚀".repeat(2000)).text.isWellFormed()).toBe(true);
  });

  it("normalises Unicode so composed and decomposed forms search alike", () => {
    expect(parseSearchQuery("cafe\u0301").words).toEqual(parseSearchQuery("caf\u00e9").words);
    expect(parseSearchQuery("ｆｕｌｌｗｉｄｔｈ").words).toEqual(["fullwidth"]);
  });

  it("removes control, zero-width and private-use characters (the highlight markers)", () => {
    const parsed = parseSearchQuery("post\u0000gres\u200b index\uE000ing\uE001 \u202Eevil");
    expect(parsed.words).toEqual(["post", "gres", "index", "ing", "evil"]);
    expect(parsed.text).not.toMatch(/[\u0000\u200b\uE000\uE001\u202E]/);
  });

  it("dedupes words and is idempotent on its own output", () => {
    expect(parseSearchQuery("Go go GO rust").words).toEqual(["go", "rust"]);
    const samples = ["  Vector   Search ", `'"); DROP TABLE posts; --`, "x".repeat(5000), "🚀 café\u0301"];
    for (const raw of samples) {
      const once = parseSearchQuery(raw);
      expect(parseSearchQuery(once.text)).toEqual(once);
    }
  });
});

describe("quoted phrases", () => {
  it("keeps runs of two or more quoted words, in straight or typographic quotes", () => {
    expect(parseSearchQuery(`"Vector search" in “the Postgres way” "single"`)).toEqual({
      text: `"Vector search" in “the Postgres way” "single"`,
      words: ["vector", "search", "in", "the", "postgres", "way", "single"],
      phrases: [
        ["vector", "search"],
        ["the", "postgres", "way"],
      ],
      compounds: [],
    });
  });

  it("ignores an unclosed quote, repeated phrases and phrases past the limits", () => {
    expect(parseSearchQuery(`"open ended words`).phrases).toEqual([]);
    expect(parseSearchQuery(`"a b" "a b" "A  B"`).phrases).toEqual([["a", "b"]]);
    const many = Array.from({ length: SEARCH_MAX_PHRASES + 2 }, (_, i) => `"x${i} y"`).join(" ");
    expect(parseSearchQuery(many).phrases.length).toBeLessThanOrEqual(SEARCH_MAX_PHRASES);
    // The ninth word is not searched, so neither is the phrase it belongs to.
    expect(parseSearchQuery(`a b c d e f g h "i j"`).phrases).toEqual([]);
  });

  it("gives one search key to queries that differ only in case and punctuation, keeping the phrases", () => {
    const key = searchKey(parseSearchQuery(`Tuning “Vector Search”!`));
    expect(key).toBe(`tuning vector search "vector search"`);
    expect(searchKey(parseSearchQuery(`tuning  "vector  search"`))).toBe(key);
    expect(parseSearchQuery(key)).toMatchObject({ words: ["tuning", "vector", "search"], phrases: [["vector", "search"]] });
  });

  it("requires each phrase's words next to each other", () => {
    expect(buildTsQuery(["quick", "brown", "fox"], new Set(), [["brown", "fox"]])).toBe("'quick' & 'brown' & 'fox':* & ('brown' <-> 'fox')");
  });
});

describe("compounds", () => {
  it("keeps words joined by punctuation as typed, without what surrounds them", () => {
    expect(parseSearchQuery("Scaling Node.js with /usr/bin/env,").compounds).toEqual([
      { text: "node.js", words: ["node", "js"] },
      { text: "/usr/bin/env", words: ["usr", "bin", "env"] },
    ]);
    expect(parseSearchQuery("(v1.2.3) user@example.com!").compounds).toEqual([
      { text: "v1.2.3", words: ["v1", "2", "3"] },
      { text: "user@example.com", words: ["user", "example", "com"] },
    ]);
  });

  it("leaves out single words, hyphenated words, words with quotes and compounds past the word limit", () => {
    expect(parseSearchQuery(`C++ (kafka) it's o'neil.io`).compounds).toEqual([]);
    expect(parseSearchQuery(`"a.b" 'c.d'`).compounds.map((compound) => compound.text)).toEqual(["a.b", "c.d"]);
    expect(parseSearchQuery("a b c d e f g h.i").compounds).toEqual([]);
    // PostgreSQL indexes the words of these, so the words find them.
    expect(parseSearchQuery("one-off snake_case").compounds).toEqual([]);
    // Nor do commas or tsquery operators: the parser splits the words there.
    expect(parseSearchQuery("foo,bar a&b c|d").compounds).toEqual([]);
    expect(parseSearchQuery("contracts/orders_v2.yaml").compounds.map((compound) => compound.text)).toEqual(["contracts/orders_v2.yaml"]);
  });

  it("is part of the search key, which parses back to the same query", () => {
    const dotted = parseSearchQuery("Node.js");
    expect(searchKey(dotted)).toBe("node js node.js");
    expect(searchKey(parseSearchQuery("node js"))).toBe("node js");
    expect(parseSearchQuery(searchKey(dotted))).toMatchObject({ words: dotted.words, compounds: dotted.compounds });
  });

  it("is searched as typed or as its words, a prefix where it ends the query, and alone where it ends it as a whole word", () => {
    const { words, compounds } = parseSearchQuery("node.js streams");
    expect(buildTsQuery(words, new Set(), [], false, compounds)).toBe("('node.js' | 'node' & 'js') & 'streams':*");
    const last = parseSearchQuery("streams in np.linsp");
    expect(buildTsQuery(last.words, new Set(), [], false, last.compounds)).toBe("'streams' & 'in' & ('np.linsp':* | 'np' & 'linsp':*)");
    expect(buildTsQuery(last.words, new Set(), [], true, last.compounds)).toBe("'streams' & 'in' & 'np.linsp'");
    expect(buildTsQuery(words, new Set(), [], true, compounds)).toBe("('node.js' | 'node' & 'js') & 'streams'");
    expect(lastSearchTerm(last.words, last.compounds)).toBe("np.linsp");
    expect(lastSearchTerm(words, compounds)).toBe("streams");
  });
});

describe("buildTsQuery", () => {
  it("requires every word and treats the last as a prefix", () => {
    expect(buildTsQuery(["vector", "retriev"])).toBe("'vector' & 'retriev':*");
    expect(buildTsQuery(["one"])).toBe("'one':*");
    expect(buildTsQuery(["vector", "retries"], new Set(), [], true)).toBe("'vector' & 'retries'");
    expect(buildTsQuery(["retries", "vector"], new Set(["vector"]), [], true)).toBe("'retries' & 'vector':*");
  });

  it("also treats the given words as prefixes", () => {
    expect(buildTsQuery(["postgres", "index"], new Set(["postgres"]))).toBe("'postgres':* & 'index':*");
    expect(buildTsQuery(["a", "b", "cde"], new Set(["b"]))).toBe("'a' & 'b':* & 'cde':*");
  });

  it("matches a last word of one or two characters as it is", () => {
    expect(buildTsQuery(["a", "m"])).toBe("'a' & 'm'");
    expect(buildTsQuery(["kafka", "ui"])).toBe("'kafka' & 'ui'");
    expect(buildTsQuery(["kafka", "ui"], new Set(["ui"]))).toBe("'kafka' & 'ui':*");
  });

  it("is empty for no words", () => {
    expect(buildTsQuery([])).toBe("");
  });

  it("never lets a quote or backslash close the quoted word", () => {
    expect(buildTsQuery(["it's", "a\\bc"])).toBe("'its' & 'abc':*");
  });
});

describe("parseSearchPage", () => {
  it.each([
    [undefined, 1],
    ["", 1],
    ["0", 1],
    ["-2", 1],
    ["2.5", 1],
    ["02", 1],
    ["abc", 1],
    ["2", 2],
    [["3", "4"], 3],
    ["999999", SEARCH_MAX_PAGE],
    ["9".repeat(400), 1],
  ])("reads %j as page %i", (raw, page) => {
    expect(parseSearchPage(raw)).toBe(page);
  });
});

describe("onlyStopWords", () => {
  it("is true when every word is one PostgreSQL's English configuration leaves out", () => {
    expect(onlyStopWords(["the"])).toBe(true);
    expect(onlyStopWords(["with", "them", "about"])).toBe(true);
    expect(onlyStopWords(["the", "theory"])).toBe(false);
    expect(onlyStopWords(["them", "thee"])).toBe(false);
    expect(onlyStopWords([])).toBe(false);
  });
});
