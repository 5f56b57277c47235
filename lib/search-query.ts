/**
 * Reader search queries as pure data: normalising what was typed, splitting it into words, and building
 * the tsquery text. Isomorphic (no I/O) so forms can share the limits and tests need no database.
 */

/** Longest query kept, in characters; the rest is dropped before any database work. */
export const SEARCH_QUERY_MAX_LENGTH = 200;
/** Most words searched for; each may cost a typo-correction lookup. */
export const SEARCH_MAX_WORDS = 8;
/** Most quoted phrases searched for. */
export const SEARCH_MAX_PHRASES = 4;
/** Words longer than this are not words anyone searches for (and PostgreSQL would not index them). */
export const SEARCH_MAX_WORD_LENGTH = 60;
/** Highest results page served; deeper pages are never useful and only cost OFFSET scans. */
export const SEARCH_MAX_PAGE = 100;
export const SEARCH_RESULTS_PER_PAGE = 10;
/**
 * A last word shorter than this is matched as it is, never as a prefix: "m" (from "a.m.") would match
 * every word that starts with m, which finds nothing the reader meant and ranks thousands of posts.
 */
export const SEARCH_MIN_PREFIX_LENGTH = 3;
/**
 * Matches are counted exactly up to what the pages served can show; a total above it means "more than
 * this many", and counting further would only cost reading every match of a common word.
 */
export const SEARCH_COUNT_CAP = SEARCH_MAX_PAGE * SEARCH_RESULTS_PER_PAGE;

export interface ParsedSearchQuery {
  /** The query as shown back to the reader: normalised, single-spaced, capped. Empty means "no query". */
  text: string;
  /** Lower-case search words, unique, in order: letters, digits and combining marks only. */
  words: string[];
  /** Runs of two or more words typed in double quotes, to be found next to each other in that order. */
  phrases: string[][];
  /**
   * Words typed joined by TOKEN_JOINERS ("node.js", "/usr/bin/env", "v1.2.3"), which PostgreSQL's parser
   * indexes as one lexeme rather than as the words: each is searched as typed or as its words.
   */
  compounds: SearchCompound[];
}

export interface SearchCompound {
  /** Lower-case, without the punctuation around it: "node.js". */
  text: string;
  /** Its words, each one of the query's words: ["node", "js"]. */
  words: string[];
}

// Control, format, private-use and unpaired surrogate characters: invisible, or reserved for the search
// page template's placeholders (lib/search/template.ts).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
// A compound's edges: what surrounds it in a sentence ("(node.js),"), but a path's leading slash.
const COMPOUND_EDGES = /^[^\p{L}\p{N}\p{M}/]+|[^\p{L}\p{N}\p{M}]+$/gu;
/**
 * What PostgreSQL's parser keeps inside one token between words (node.js, /usr/bin/env, user@example.com,
 * c++, a:b). Hyphens and underscores are not among them: it indexes the words of "one-off" and splits
 * "snake_case", so the words find those.
 */
export const TOKEN_JOINERS = "./@+:";

/** Whether the text holds one of TOKEN_JOINERS. */
export function hasTokenJoiner(text: string): boolean {
  for (const character of TOKEN_JOINERS) if (text.includes(character)) return true;
  return false;
}
// Quotes and backslashes have a meaning in tsquery text; a word with an apostrophe is not a compound.
const NOT_IN_COMPOUND = /['"\\\u2018\u2019\u201C\u201D\u201E]/u;
const MAX_COMPOUND_LENGTH = 100;
// Straight and typographic double quotes, as keyboards and phones type them.
const QUOTED = /["\u201C\u201D\u201E]([^"\u201C\u201D\u201E]*)["\u201C\u201D\u201E]/gu;

/** Normalises raw input (a search param, possibly repeated or missing) and splits it into search words. */
export function parseSearchQuery(raw: string | string[] | undefined | null): ParsedSearchQuery {
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (typeof first !== "string") return { text: "", words: [], phrases: [], compounds: [] };
  // Cut before normalising so a megabyte of input costs no more than a long query.
  const normalised = first
    .slice(0, SEARCH_QUERY_MAX_LENGTH * 4)
    .normalize("NFKC")
    .replace(INVISIBLE, " ")
    .replace(/\s+/gu, " ")
    .trim();
  const text = Array.from(normalised).slice(0, SEARCH_QUERY_MAX_LENGTH).join("").trim();
  const words: string[] = [];
  for (const match of text.toLocaleLowerCase("en").matchAll(WORD)) {
    const word = match[0];
    if (word.length > SEARCH_MAX_WORD_LENGTH || words.includes(word)) continue;
    words.push(word);
    if (words.length === SEARCH_MAX_WORDS) break;
  }
  const phrases: string[][] = [];
  for (const quoted of text.toLocaleLowerCase("en").matchAll(QUOTED)) {
    const phrase = Array.from(quoted[1]!.matchAll(WORD), (match) => match[0]);
    // A phrase past the word limit is dropped whole rather than searched in part.
    if (phrase.length < 2 || !phrase.every((word) => words.includes(word))) continue;
    if (phrases.some((known) => known.join(" ") === phrase.join(" "))) continue;
    phrases.push(phrase);
    if (phrases.length === SEARCH_MAX_PHRASES) break;
  }
  const compounds: SearchCompound[] = [];
  for (const chunk of text.toLocaleLowerCase("en").split(" ")) {
    const compound = chunk.replace(COMPOUND_EDGES, "");
    if (compound.length > MAX_COMPOUND_LENGTH || !hasTokenJoiner(compound) || NOT_IN_COMPOUND.test(compound)) continue;
    const parts = [...new Set(Array.from(compound.matchAll(WORD), (match) => match[0]))];
    // Past the word limit it is dropped whole, as a phrase is.
    if (parts.length < 2 || !parts.every((word) => words.includes(word))) continue;
    if (compounds.some((known) => known.text === compound)) continue;
    compounds.push({ text: compound, words: parts });
  }
  return { text, words, phrases, compounds };
}

/**
 * The query as searchPosts should get it: the words, then each compound, then each phrase in quotes.
 * Queries that differ only in case, punctuation around words or spacing give the same text, so they share
 * one cached result; parsed again, it gives the same words, compounds and phrases.
 */
export function searchKey({ words, phrases, compounds }: ParsedSearchQuery): string {
  return [words.join(" "), ...compounds.map((compound) => compound.text), ...phrases.map((phrase) => `"${phrase.join(" ")}"`)].join(" ");
}

/**
 * tsquery text that requires every word, treating the last one (and any in `prefixes`) as a prefix so
 * partial words match while the reader is still typing, unless `wholeLastWord` says the last one is a word
 * the posts hold as it is (searchPosts looks that up): "retries" then finds retries, not retrieval, whose
 * stem ("retriev") starts with its stem ("retri"). A last word shorter than SEARCH_MIN_PREFIX_LENGTH is
 * always matched as it is. The words of a compound are required as the compound or as its words:
 * ('node.js' | 'node' & 'js'), the compound a prefix when it ends the query; a compound that ends the query
 * and that `wholeLastWord` says the posts hold is required as it is ('node.js'). Words come from
 * parseSearchQuery, so they hold no tsquery syntax; quoting each one anyway keeps that true even if the
 * word pattern ever widens. Empty for no words.
 */
export function buildTsQuery(
  words: readonly string[],
  prefixes: ReadonlySet<string> = new Set(),
  phrases: readonly (readonly string[])[] = [],
  wholeLastWord = false,
  compounds: readonly SearchCompound[] = [],
): string {
  const quote = (word: string) => `'${word.replace(/['\\]/g, "")}'`;
  const last = words.at(-1);
  const asPrefix = (text: string, endsQuery: boolean) => endsQuery && !wholeLastWord && text.length >= SEARCH_MIN_PREFIX_LENGTH;
  const term = (word: string) => (prefixes.has(word) || asPrefix(word, word === last) ? `${quote(word)}:*` : quote(word));
  const terms: string[] = [];
  const written = new Set<SearchCompound>();
  for (const word of words) {
    const compound = compounds.find((candidate) => candidate.words.includes(word));
    if (!compound) terms.push(term(word));
    else if (!written.has(compound)) {
      written.add(compound);
      const endsQuery = compound.words.at(-1) === last;
      // A compound the posts hold as it is ends the query: the reader means it, not its words anywhere.
      if (endsQuery && wholeLastWord) terms.push(quote(compound.text));
      else terms.push(`(${asPrefix(compound.text, endsQuery) ? `${quote(compound.text)}:*` : quote(compound.text)} | ${compound.words.map(term).join(" & ")})`);
    }
  }
  // "<->" requires the words next to each other; PostgreSQL keeps the distance of stop words it drops.
  const adjacent = phrases.filter((phrase) => phrase.length >= 2).map((phrase) => `(${phrase.map(quote).join(" <-> ")})`);
  return [...terms, ...adjacent].join(" & ");
}

/** The part of the query that ends it, as its last word is looked up: the compound that holds that word, or the word. */
export function lastSearchTerm(words: readonly string[], compounds: readonly SearchCompound[] = []): string {
  const last = words.at(-1) ?? "";
  return compounds.findLast((compound) => compound.words.at(-1) === last)?.text ?? last;
}

/**
 * PostgreSQL's English stop words (tsearch_data/english.stop), which the 'english' configuration leaves out
 * of the search index and of every query: a query of these alone can match nothing.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she " +
    "her hers herself it its itself they them their theirs themselves what which who whom this that " +
    "these those am is are was were be been being have has had having do does did doing a an the and " +
    "but if or because as until while of at by for with about against between into through during " +
    "before after above below to from up down in out on off over under again further then once here " +
    "there when where why how all any both each few more most other some such no nor not only own " +
    "same so than too very s t can will just don should now"
  ).split(" "),
);

/**
 * True when every word is one the index leaves out ("the", "with them"), so the query cannot find a post
 * however it is searched; false for no words.
 */
export function onlyStopWords(words: readonly string[]): boolean {
  return words.length > 0 && words.every((word) => ENGLISH_STOP_WORDS.has(word));
}

/** A results page number from a search param: a positive integer up to SEARCH_MAX_PAGE, else 1. */
export function parseSearchPage(raw: string | string[] | undefined | null): number {
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (typeof first !== "string" || !/^[1-9]\d{0,5}$/.test(first)) return 1;
  return Math.min(Number(first), SEARCH_MAX_PAGE);
}

/** A piece of highlighted text: render `highlight` pieces in <mark>, the rest as plain text. */
export interface HighlightSegment {
  text: string;
  highlight: boolean;
}
