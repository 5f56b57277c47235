import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { cacheTags } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { listPublishedSummariesById, type PostSummary } from "@/lib/posts";
import { MAX_TERM_LENGTH, MIN_TERM_LENGTH } from "@/lib/search-terms";
import { buildTsQuery, parseSearchQuery, splitHighlights, type HighlightSegment } from "@/lib/search-query";

export const SEARCH_RESULTS_PER_PAGE = 10;

/** A published post found by a search, with the matching words marked in its title and snippet. */
export interface SearchHit extends PostSummary {
  titleHighlights: HighlightSegment[];
  snippet: HighlightSegment[];
}

export interface SearchResults {
  /** The normalised query that was searched for, as the reader typed it. */
  query: string;
  /** Set when the query found nothing and misspelt words were replaced: the words actually searched. */
  correctedQuery: string | null;
  /** "title" when no post contained the words and the results are titles that look like the query. */
  match: "fulltext" | "title";
  hits: SearchHit[];
  total: number;
  page: number;
  totalPages: number;
}

// Private-use characters: stripped from the text before ts_headline, so only PostgreSQL's marks carry them.
const START = "\uE000";
const STOP = "\uE001";
const MARKERS = START + STOP;
const TITLE_OPTIONS = `HighlightAll=true, StartSel=${START}, StopSel=${STOP}`;
const SNIPPET_OPTIONS = `MaxFragments=2, MaxWords=28, MinWords=12, ShortWord=2, FragmentDelimiter=" … ", StartSel=${START}, StopSel=${STOP}`;

// ts_headline parses all the text it is given, so it gets a window of the body around the first match
// (or the excerpt when the body has none) instead of the whole post.
const SNIPPET_BEFORE_CHARS = 160;
const SNIPPET_WINDOW_CHARS = 640;
const FIRST_PARTIAL_WORD = String.raw`^\S*\s+`;
const LAST_PARTIAL_WORD = String.raw`\s+\S*$`;

const published = Prisma.sql`p.status = 'PUBLISHED'`;

/**
 * Published posts matching a reader's query, best first, one page at a time (pages start at 1). Never
 * throws on odd input: anything that is not a word is ignored and an unusable query finds nothing. Falls
 * back to correcting misspelt words, then to fuzzy title matching, when the words themselves find nothing.
 */
export async function searchPosts(rawQuery: string, page: number): Promise<SearchResults> {
  "use cache";
  cacheTag(cacheTags.postList);
  cacheLife("content");
  const { text, words, phrases } = parseSearchQuery(rawQuery);
  const pageNumber = Number.isSafeInteger(page) && page > 0 ? page : 1;
  const empty: SearchResults = { query: text, correctedQuery: null, match: "fulltext", hits: [], total: 0, page: pageNumber, totalPages: 1 };
  if (words.length === 0) return empty;

  const direct = await fullTextPage(words, phrases, pageNumber);
  if (direct.total > 0) return { ...empty, ...direct, totalPages: totalPages(direct.total) };

  const corrected = await correctWords(words);
  const guessed = new Set(corrected.filter((word, index) => word !== words[index]));
  if (guessed.size > 0) {
    // A correction is a guess at the spelling, not the form: "postgres" should still find "PostgreSQL".
    const replace = (word: string) => corrected[words.indexOf(word)] ?? word;
    const retry = await fullTextPage(corrected, phrases.map((phrase) => phrase.map(replace)), pageNumber, guessed);
    if (retry.total > 0) return { ...empty, ...retry, correctedQuery: corrected.join(" "), totalPages: totalPages(retry.total) };
  }

  const byTitle = await titlePage(words.join(" "), pageNumber);
  return { ...empty, ...byTitle, match: "title", totalPages: totalPages(byTitle.total) };
}

function totalPages(total: number): number {
  return Math.max(1, Math.ceil(total / SEARCH_RESULTS_PER_PAGE));
}

interface HitRow {
  id: string;
  total: number;
  title_marked: string;
  snippet_marked: string;
}

async function fullTextPage(words: string[], phrases: string[][], page: number, prefixes?: ReadonlySet<string>): Promise<{ hits: SearchHit[]; total: number }> {
  const query = Prisma.sql`to_tsquery('english', ${buildTsQuery(words, prefixes, phrases)})`;
  // search_published_posts (the search_index migration) ranks every match through the GIN index. The
  // snippet window starts at the first place the body has one of the words, as typed or stemmed
  // (stop words have no stem and are never looked for).
  const rows = await db.$queryRaw<HitRow[]>`
    WITH needles AS (
      SELECT coalesce(array_agg(DISTINCT n), '{}') AS list
      FROM unnest(${words}::text[]) AS w(word), unnest(ARRAY[w.word] || ts_lexize('english_stem', w.word)) AS n
      WHERE cardinality(ts_lexize('english_stem', w.word)) > 0
    )
    SELECT h.id, h.total,
      ts_headline('english', translate(p.title, ${MARKERS}, ''), ${query}, ${TITLE_OPTIONS}) AS title_marked,
      ts_headline('english', translate(s.source, ${MARKERS}, ''), ${query}, ${SNIPPET_OPTIONS}) AS snippet_marked
    FROM search_published_posts(${query}, ${SEARCH_RESULTS_PER_PAGE}, ${(page - 1) * SEARCH_RESULTS_PER_PAGE}) h
    JOIN posts p ON p.id = h.id
    CROSS JOIN needles
    CROSS JOIN LATERAL (SELECT min(nullif(strpos(lower(p.plaintext), n), 0)) AS at FROM unnest(needles.list) AS n) m
    CROSS JOIN LATERAL (SELECT greatest(1, m.at - ${SNIPPET_BEFORE_CHARS}) AS first) w
    CROSS JOIN LATERAL (SELECT substr(p.plaintext, w.first, ${SNIPPET_WINDOW_CHARS}) AS text) cut
    CROSS JOIN LATERAL (
      -- A window that cuts into the body drops the partial words at its edges.
      SELECT CASE WHEN m.at IS NULL THEN p.excerpt ELSE regexp_replace(
        CASE WHEN w.first > 1 THEN regexp_replace(cut.text, ${FIRST_PARTIAL_WORD}, '') ELSE cut.text END,
        CASE WHEN w.first + ${SNIPPET_WINDOW_CHARS} <= length(p.plaintext) THEN ${LAST_PARTIAL_WORD} ELSE '$^' END, '') END AS source
    ) s
    ORDER BY h.rank DESC, h.published_at DESC NULLS LAST, h.id`;
  const total =
    rows[0]?.total ??
    (page > 1 ? (await db.$queryRaw<{ total: number }[]>`SELECT h.total FROM search_published_posts(${query}, 1, 0) h`)[0]?.total ?? 0 : 0);
  const summaries = await listPublishedSummariesById(rows.map((row) => row.id));
  const hits = rows.flatMap((row) => {
    const summary = summaries.get(row.id);
    if (!summary) return [];
    return [{ ...summary, titleHighlights: splitHighlights(row.title_marked, START, STOP), snippet: splitHighlights(row.snippet_marked.trim(), START, STOP) }];
  });
  return { hits, total };
}

async function titlePage(text: string, page: number): Promise<{ hits: SearchHit[]; total: number }> {
  // `<%` is word_similarity above pg_trgm.word_similarity_threshold (0.6), served by posts_title_trgm_idx.
  const rows = await db.$queryRaw<{ id: string; total: number }[]>`
    SELECT p.id, (count(*) OVER ())::int AS total FROM posts p
    WHERE ${published} AND ${text} <% p.title
    ORDER BY word_similarity(${text}, p.title) DESC, p.published_at DESC NULLS LAST, p.id
    LIMIT ${SEARCH_RESULTS_PER_PAGE} OFFSET ${(page - 1) * SEARCH_RESULTS_PER_PAGE}`;
  const total =
    rows[0]?.total ??
    (page > 1 ? (await db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM posts p WHERE ${published} AND ${text} <% p.title`)[0]?.total ?? 0 : 0);
  const summaries = await listPublishedSummariesById(rows.map((row) => row.id));
  const hits = rows.flatMap((row) => {
    const summary = summaries.get(row.id);
    if (!summary) return [];
    return [{ ...summary, titleHighlights: plain(summary.title), snippet: plain(summary.excerpt) }];
  });
  return { hits, total };
}

function plain(text: string): HighlightSegment[] {
  return text === "" ? [] : [{ text, highlight: false }];
}

/**
 * The words with each unknown one replaced by the closest published word (pg_trgm similarity, at least
 * pg_trgm.similarity_threshold = 0.3). The last word counts as known when it starts a published word,
 * because it is searched as a prefix.
 */
async function correctWords(words: string[]): Promise<string[]> {
  const candidates = words.filter((word) => word.length >= MIN_TERM_LENGTH && word.length <= MAX_TERM_LENGTH);
  if (candidates.length === 0) return words;
  const last = words.at(-1) ?? "";
  // Words hold only letters, digits and marks, so the LIKE pattern has no wildcard but the one added; as a
  // constant it can use the trigram index.
  const rows = await db.$queryRaw<{ word: string; suggestion: string | null }[]>`
    SELECT w.word,
      (SELECT t.word FROM search_terms t WHERE t.word % w.word ORDER BY similarity(t.word, w.word) DESC, t.word LIMIT 1) AS suggestion
    FROM unnest(${candidates}::text[]) AS w(word)
    WHERE NOT EXISTS (SELECT 1 FROM search_terms t WHERE t.word = w.word)
      AND NOT (w.word = ${last} AND EXISTS (SELECT 1 FROM search_terms t WHERE t.word LIKE ${`${last}%`}))`;
  const replacements = new Map(rows.flatMap((row) => (row.suggestion ? [[row.word, row.suggestion] as const] : [])));
  return words.map((word) => replacements.get(word) ?? word);
}
