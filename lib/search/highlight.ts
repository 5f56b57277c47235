import { stem } from "porter2";
import { ENGLISH_STOP_WORDS, hasTokenJoiner, TOKEN_JOINERS, type HighlightSegment } from "@/lib/search-query";

/*
 * The matching words of a search hit's title and snippet, marked here rather than by PostgreSQL's
 * ts_headline: that parses and stems every word of ten snippet windows per search, which was about a
 * third of the search statement's time. A word matches as the index matched it: PostgreSQL's English
 * stemmer is Snowball's porter2, which the porter2 package implements (it agreed with ts_lexize on every
 * one of 34,296 English words tried); stop words never match; a token PostgreSQL's parser keeps whole
 * (a host, a path, a version: "node.js") matches as a whole, lower-cased, as the 'simple' dictionary
 * indexes it.
 */

/** One operand of a tsquery: the lexeme, and whether it matches as a prefix ('retriev':*). */
export interface QueryLexeme {
  lexeme: string;
  prefix: boolean;
}

export interface SnippetOptions {
  /** Words per fragment, at most. */
  maxWords: number;
  /** Fragments at most, each around a different match, in text order. */
  maxFragments: number;
  /** Words this short or shorter are not left at a fragment's edges (unless they match). */
  shortWord: number;
  delimiter: string;
}

export const SNIPPET_OPTIONS: SnippetOptions = { maxWords: 28, maxFragments: 2, shortWord: 2, delimiter: " … " };

// PostgreSQL prints each operand quoted, a quote inside doubled, with :* for a prefix (and weights, A-D).
const OPERAND = /'((?:[^']|'')*)'(?::([*A-D]+))?/g;

/** The lexemes of a tsquery as PostgreSQL prints it (query::text), each once. */
export function queryLexemes(tsquery: string): QueryLexeme[] {
  const found = new Map<string, QueryLexeme>();
  for (const [, quoted, flags] of tsquery.matchAll(OPERAND)) {
    const lexeme = quoted!.replaceAll("''", "'").replaceAll("\\\\", "\\");
    if (lexeme === "") continue;
    const prefix = flags?.includes("*") ?? false;
    const known = found.get(lexeme);
    if (!known || (prefix && !known.prefix)) found.set(lexeme, { lexeme, prefix });
  }
  return [...found.values()];
}

// A token is a word, or words joined by TOKEN_JOINERS, the punctuation PostgreSQL's parser keeps inside one
// token (node.js, /usr/bin/env, v1.2.3, user@example.com), with a path's leading slash. Scanned by
// character code rather than by a Unicode regular expression: ten windows of a page of hits are about
// 1,000 words, and this runs on every search.
const WORD_CHARACTER = /^[\p{L}\p{N}\p{M}]$/u;
const JOINERS = new Set(Array.from(TOKEN_JOINERS, (character) => character.charCodeAt(0)));
const SLASH = 0x2f;

/** The length of the word character at `at` (2 for a surrogate pair), or 0 when it is not one. */
function wordCharacterAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) ? 1 : 0;
  if (Number.isNaN(code)) return 0;
  const character = String.fromCodePoint(text.codePointAt(at)!);
  return WORD_CHARACTER.test(character) ? character.length : 0;
}

/** The tokens of a text: where each starts and ends, and whether it matches. */
interface Tokens {
  starts: number[];
  ends: number[];
  matches: boolean[];
}

/** Decides whether a token matches, remembering the answer for every text of one query. */
function matcher(lexemes: readonly QueryLexeme[]): (text: string, start: number, end: number) => boolean {
  // Stemming keeps a word's first letter, so most words are ruled out by it without being lower-cased.
  const firstLetters = new Set(lexemes.flatMap((term) => [term.lexeme[0], term.lexeme[0]!.toUpperCase()]));
  const known = new Map<string, boolean>();
  const matchesLexeme = (form: string) => lexemes.some((term) => (term.prefix ? form.startsWith(term.lexeme) : form === term.lexeme));
  return (text, start, end) => {
    if (!firstLetters.has(text[start])) return false;
    const lower = text.slice(start, end).toLowerCase();
    let answer = known.get(lower);
    if (answer === undefined) {
      answer = hasTokenJoiner(lower) ? matchesLexeme(lower) : !ENGLISH_STOP_WORDS.has(lower) && (matchesLexeme(stem(lower)) || matchesLexeme(lower));
      known.set(lower, answer);
    }
    return answer;
  };
}

function tokenize(text: string, matches: (text: string, start: number, end: number) => boolean): Tokens {
  const tokens: Tokens = { starts: [], ends: [], matches: [] };
  let at = 0;
  while (at < text.length) {
    let step = wordCharacterAt(text, at);
    const slashed = step === 0 && text.charCodeAt(at) === SLASH && wordCharacterAt(text, at + 1) > 0 && (at === 0 || wordCharacterAt(text, at - 1) === 0);
    if (step === 0 && !slashed) {
      at += 1;
      continue;
    }
    const start = at;
    at += slashed ? 1 : step;
    for (;;) {
      step = wordCharacterAt(text, at);
      if (step > 0) at += step;
      else if (JOINERS.has(text.charCodeAt(at)) && wordCharacterAt(text, at + 1) > 0) at += 1;
      else break;
    }
    tokens.starts.push(start);
    tokens.ends.push(at);
    tokens.matches.push(matches(text, start, at));
  }
  return tokens;
}

/** Appends text to segments, merging it into the last one when that is of the same kind. */
function push(segments: HighlightSegment[], text: string, highlight: boolean): void {
  if (text === "") return;
  const last = segments.at(-1);
  if (last && last.highlight === highlight) last.text += text;
  else segments.push({ text, highlight });
}

/** The tokens[from, to) stretch of text, its matching words marked. */
function marked(text: string, tokens: Tokens, from: number, to: number, segments: HighlightSegment[] = []): HighlightSegment[] {
  let at = tokens.starts[from] ?? 0;
  const end = tokens.ends[to - 1] ?? at;
  for (let i = from; i < to; i++) {
    if (!tokens.matches[i]) continue;
    push(segments, text.slice(at, tokens.starts[i]), false);
    push(segments, text.slice(tokens.starts[i], tokens.ends[i]), true);
    at = tokens.ends[i]!;
  }
  push(segments, text.slice(at, end), false);
  return segments;
}

/** Marks the matches of one query in the texts of its hits. */
export interface Highlighter {
  /** The whole text with every matching word marked (a hit's title). */
  all(text: string): HighlightSegment[];
  /**
   * Up to maxFragments stretches of maxWords words around matches, in text order and joined by the
   * delimiter, with the matching words marked; the first maxWords words when nothing matches. Each
   * fragment is the one around a not yet shown match that holds the most different matching words (the
   * earliest of equals), with that match in its middle.
   */
  snippet(text: string): HighlightSegment[];
}

/** A highlighter for a query's lexemes; it stems each word once for all the texts it marks. */
export function highlighter(lexemes: readonly QueryLexeme[], options: SnippetOptions = SNIPPET_OPTIONS): Highlighter {
  const matches = matcher(lexemes);
  return { all: (text) => highlightAll(text, matches), snippet: (text) => snippet(text, matches, options) };
}

function highlightAll(text: string, matches: (text: string, start: number, end: number) => boolean): HighlightSegment[] {
  if (text === "") return [];
  const tokens = tokenize(text, matches);
  const count = tokens.starts.length;
  const segments: HighlightSegment[] = [];
  push(segments, text.slice(0, count > 0 ? tokens.starts[0] : text.length), false);
  marked(text, tokens, 0, count, segments);
  push(segments, text.slice(count > 0 ? tokens.ends[count - 1] : text.length), false);
  return segments;
}

function snippet(text: string, matches: (text: string, start: number, end: number) => boolean, options: SnippetOptions): HighlightSegment[] {
  const tokens = tokenize(text, matches);
  const count = tokens.starts.length;
  if (count === 0) return [];
  const word = (index: number) => text.slice(tokens.starts[index], tokens.ends[index]).toLowerCase();
  const length = (index: number) => tokens.ends[index]! - tokens.starts[index]!;
  const hits: number[] = [];
  for (let index = 0; index < count; index++) if (tokens.matches[index]) hits.push(index);
  const span = (center: number): [number, number] => {
    const from = Math.max(0, Math.min(center - Math.floor((options.maxWords - 1) / 2), count - options.maxWords));
    return [from, Math.min(count, from + options.maxWords)];
  };
  const fragments: [number, number][] = [];
  while (fragments.length < options.maxFragments) {
    let best: { range: [number, number]; words: number } | null = null;
    for (const hit of hits) {
      if (fragments.some(([from, to]) => hit >= from && hit < to)) continue;
      let [from, to] = span(hit);
      // Never over a fragment already chosen.
      for (const [takenFrom, takenTo] of fragments) {
        if (takenTo > from && takenTo <= hit) from = takenTo;
        if (takenFrom < to && takenFrom > hit) to = takenFrom;
      }
      const words = new Set(hits.filter((other) => other >= from && other < to).map(word)).size;
      if (!best || words > best.words) best = { range: [from, to], words };
    }
    if (!best) break;
    fragments.push(best.range);
  }
  if (fragments.length === 0) fragments.push([0, Math.min(count, options.maxWords)]);
  const segments: HighlightSegment[] = [];
  for (const [index, range] of fragments.sort((a, b) => a[0] - b[0]).entries()) {
    let [from, to] = range;
    while (to - from > 1 && !tokens.matches[from] && length(from) <= options.shortWord) from++;
    while (to - from > 1 && !tokens.matches[to - 1] && length(to - 1) <= options.shortWord) to--;
    if (index > 0) push(segments, options.delimiter, false);
    marked(text, tokens, from, to, segments);
  }
  return segments;
}
