import { describe, expect, it } from "vitest";
import { highlighter, queryLexemes, SNIPPET_OPTIONS, type QueryLexeme, type SnippetOptions } from "@/lib/search/highlight";
import type { HighlightSegment } from "@/lib/search-query";

/** Segments as text with the marked pieces in brackets. */
const show = (segments: HighlightSegment[]) => segments.map((segment) => (segment.highlight ? `[${segment.text}]` : segment.text)).join("");
const highlightAll = (text: string, lexemes: QueryLexeme[]) => highlighter(lexemes).all(text);
const snippetOf = (text: string, lexemes: QueryLexeme[], options?: SnippetOptions) => highlighter(lexemes, options).snippet(text);
const words = (count: number, word = "filler") => Array.from({ length: count }, () => word).join(" ");

describe("queryLexemes", () => {
  it("reads the lexemes of a tsquery as PostgreSQL prints it", () => {
    expect(queryLexemes("'retriev' & 'vector':*")).toEqual([
      { lexeme: "retriev", prefix: false },
      { lexeme: "vector", prefix: true },
    ]);
    expect(queryLexemes("( 'node.js':* | 'node' & 'js' ) & 'stream' <-> 'lag':AB")).toEqual([
      { lexeme: "node.js", prefix: true },
      { lexeme: "node", prefix: false },
      { lexeme: "js", prefix: false },
      { lexeme: "stream", prefix: false },
      { lexeme: "lag", prefix: false },
    ]);
  });

  it("undoes PostgreSQL's doubling of quotes and backslashes, and lists a lexeme once", () => {
    expect(queryLexemes(String.raw`'o''neil' & 'a\\b' & 'o''neil':*`)).toEqual([
      { lexeme: "o'neil", prefix: true },
      { lexeme: "a\\b", prefix: false },
    ]);
  });

  it("is empty for an empty query", () => {
    expect(queryLexemes("")).toEqual([]);
    expect(queryLexemes(`'' & 'kafka'`)).toEqual([{ lexeme: "kafka", prefix: false }]);
  });
});

describe("highlightAll", () => {
  it("marks the words whose stem is the lexeme, and not a word that merely starts like it", () => {
    const retri = [{ lexeme: "retri", prefix: false }];
    expect(show(highlightAll("Retrying retries: retrieval", retri))).toBe("[Retrying] [retries]: retrieval");
    expect(show(highlightAll("Retrying retries: retrieval", [{ lexeme: "retri", prefix: true }]))).toBe("[Retrying] [retries]: [retrieval]");
  });

  it("never marks a stop word, even one a prefix would match", () => {
    expect(show(highlightAll("The other others", [{ lexeme: "oth", prefix: true }]))).toBe("The other [others]");
  });

  it("matches what PostgreSQL keeps as one token whole, and the words of hyphenated ones", () => {
    const lexemes = queryLexemes("'node.js' | 'node' & 'latenc' | '/usr/bin/env'");
    expect(show(highlightAll("Node.js and node, low-latency #!/usr/bin/env", lexemes))).toBe("[Node.js] and [node], low-[latency] #![/usr/bin/env]");
    expect(show(highlightAll("Node.js", [{ lexeme: "node", prefix: false }]))).toBe("Node.js");
  });

  it("keeps HTML as text, for the page to escape", () => {
    expect(show(highlightAll("<script>kafka</script>", [{ lexeme: "kafka", prefix: false }]))).toBe("<script>[kafka]</script>");
  });

  it("keeps text without matches, and nothing for no text", () => {
    expect(highlightAll("  Plain title.", [{ lexeme: "kafka", prefix: false }])).toEqual([{ text: "  Plain title.", highlight: false }]);
    expect(highlightAll("", [{ lexeme: "kafka", prefix: false }])).toEqual([]);
  });
});

describe("snippet", () => {
  const kafka = [{ lexeme: "kafka", prefix: false }];

  it("is the first words when nothing matches", () => {
    expect(show(snippetOf(`${words(40)} end`, kafka))).toBe(words(SNIPPET_OPTIONS.maxWords));
  });

  it("centres a fragment of at most maxWords words on a match", () => {
    const text = `${words(30, "before")} Kafka ${words(30, "after")}`;
    const shown = show(snippetOf(text, kafka));
    expect(shown).toBe(`${words(13, "before")} [Kafka] ${words(14, "after")}`);
  });

  it("joins up to maxFragments fragments around different matches, in text order", () => {
    const text = `Kafka ${words(60)} kafka ${words(60)} Kafka`;
    const segments = snippetOf(text, kafka);
    expect(show(segments).split(SNIPPET_OPTIONS.delimiter)).toEqual([`[Kafka] ${words(27)}`, `${words(13)} [kafka] ${words(14)}`]);
  });

  it("prefers the fragment holding the most different matching words", () => {
    const lexemes = queryLexemes("'vector' & 'search'");
    const text = `Vector ${words(60)} vector search ${words(60)}`;
    const shown = show(snippetOf(text, lexemes, { ...SNIPPET_OPTIONS, maxFragments: 1 }));
    expect(shown).toBe(`${words(13)} [vector] [search] ${words(13)}`);
  });

  it("drops short words at a fragment's edges unless they match", () => {
    expect(show(snippetOf(`an ${words(5)} Kafka ${words(5)} of`, kafka))).toBe(`${words(5)} [Kafka] ${words(5)}`);
    expect(show(snippetOf("go Kafka", [{ lexeme: "go", prefix: false }, ...kafka]))).toBe("[go] [Kafka]");
  });

  it("is empty for text without words", () => {
    expect(snippetOf("", kafka)).toEqual([]);
    expect(snippetOf(" … ", kafka)).toEqual([]);
  });
});
