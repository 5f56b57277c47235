import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { cacheTags } from "@/lib/cache/tags";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import pg from "pg";
import { readingMinutes } from "@/lib/editor/doc";
import { env } from "@/lib/env";
import { listPublishedSummariesById, type PostSummary } from "@/lib/posts";
import type { TagRef } from "@/lib/tags";
import { MAX_TERM_LENGTH, MIN_TERM_LENGTH } from "@/lib/search-terms";
import { buildTsQuery, parseSearchQuery, SEARCH_COUNT_CAP, SEARCH_MAX_PAGE, SEARCH_RESULTS_PER_PAGE, splitHighlights, type HighlightSegment } from "@/lib/search-query";

export { SEARCH_RESULTS_PER_PAGE };

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
  /** Exact up to SEARCH_COUNT_CAP; above it, the number means "more than SEARCH_COUNT_CAP". */
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

const published = Prisma.sql`p.status = 'PUBLISHED'`;

/**
 * Published posts matching a reader's query, best first, one page at a time (pages start at 1). Never
 * throws on odd input: anything that is not a word is ignored and an unusable query finds nothing. Falls
 * back to correcting misspelt words, then to fuzzy title matching, when the words themselves find nothing.
 */
export async function searchPosts(rawQuery: string, page: number): Promise<SearchResults> {
  "use cache";
  cacheTag(...SEARCH_RESULT_TAGS);
  cacheLife("content");
  return findPosts(rawQuery, page);
}

/**
 * What results depend on: every write a reader can see in a hit (a post published, edited or removed, an
 * author or tag renamed) expires the post lists, and dates show in the site's time zone.
 */
export const SEARCH_RESULT_TAGS = [cacheTags.postList, cacheTags.site] as const;

/** searchPosts without Next's cache, for the server's own search path (lib/search/fast-path.ts), which keeps its own. */
export async function findPosts(rawQuery: string, page: number): Promise<SearchResults> {
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
  return Math.min(SEARCH_MAX_PAGE, Math.max(1, Math.ceil(total / SEARCH_RESULTS_PER_PAGE)));
}

// One statement for a page of full-text hits: the ranked page (search_published_posts, the search_index
// and search_dense_words migrations: matches ranked through the GIN indexes, counted up to SEARCH_COUNT_CAP), each hit's list fields, and its marked title and
// snippet. The snippet window starts at the first place the body has one of the words, as typed or
// stemmed (stop words have no stem and are never looked for). The text never changes, so it is prepared
// once per connection and PostgreSQL keeps its plan.
const FULL_TEXT_PAGE = {
  name: "search-full-text-page",
  text: `
    WITH needles AS (
      SELECT coalesce(array_agg(DISTINCT n), '{}') AS list
      FROM unnest($2::text[]) AS w(word), unnest(ARRAY[w.word] || ts_lexize('english_stem', w.word)) AS n
      WHERE cardinality(ts_lexize('english_stem', w.word)) > 0
    )
    SELECT h.id, h.total, p.slug, p.title, p.excerpt, p.word_count,
      (extract(epoch FROM p.published_at) * 1000)::float8 AS published_ms,
      u.name AS author_name, u.slug AS author_slug, u.bio AS author_bio,
      (SELECT coalesce(json_agg(json_build_object('name', t.name, 'slug', t.slug) ORDER BY pt.position), '[]')
        FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id) AS tags,
      ts_headline('english', translate(p.title, $4, ''), to_tsquery('english', $1), $5) AS title_marked,
      ts_headline('english', translate(s.source, $4, ''), to_tsquery('english', $1), $6) AS snippet_marked
    -- The LIMIT tells the planner how few rows the function returns (it assumes 1,000 and would join them
    -- to posts by reading the whole table), so each is looked up by its key.
    FROM (SELECT * FROM search_published_posts(to_tsquery('english', $1), ${SEARCH_RESULTS_PER_PAGE}, $3, ${SEARCH_COUNT_CAP}) LIMIT ${SEARCH_RESULTS_PER_PAGE}) h
    JOIN posts p ON p.id = h.id
    JOIN users u ON u.id = p.author_id
    CROSS JOIN needles
    -- The body once per hit: detoasted and lower-cased here (OFFSET 0 keeps each apart), not again for every
    -- word looked for and every use below.
    CROSS JOIN LATERAL (SELECT b.body, lower(b.body) AS lowered FROM (SELECT p.plaintext || '' AS body OFFSET 0) b OFFSET 0) t
    CROSS JOIN LATERAL (SELECT min(nullif(strpos(t.lowered, n), 0)) AS at FROM unnest(needles.list) AS n) m
    CROSS JOIN LATERAL (SELECT greatest(1, m.at - ${SNIPPET_BEFORE_CHARS}) AS first) w
    CROSS JOIN LATERAL (
      -- A window that cuts into the body drops the partial words at its edges. The last one is dropped from
      -- the reversed text: a pattern anchored at the end is tried from every position of the window.
      SELECT CASE WHEN w.first > 1 THEN regexp_replace(substr(t.body, w.first, ${SNIPPET_WINDOW_CHARS}), '${FIRST_PARTIAL_WORD}', '')
        ELSE substr(t.body, w.first, ${SNIPPET_WINDOW_CHARS}) END AS text
    ) cut
    CROSS JOIN LATERAL (
      SELECT CASE WHEN m.at IS NULL THEN p.excerpt
        WHEN w.first + ${SNIPPET_WINDOW_CHARS} <= length(t.body) THEN reverse(regexp_replace(reverse(cut.text), '${FIRST_PARTIAL_WORD}', ''))
        ELSE cut.text END AS source
    ) s
    ORDER BY h.rank DESC, h.published_at DESC NULLS LAST, h.id`,
};

const FULL_TEXT_TOTAL = { name: "search-full-text-total", text: `SELECT h.total FROM search_published_posts(to_tsquery('english', $1), 1, 0, ${SEARCH_COUNT_CAP}) h` };

interface FullTextRow {
  id: string;
  total: number;
  slug: string;
  title: string;
  excerpt: string;
  word_count: number;
  published_ms: number | null;
  author_name: string;
  author_slug: string;
  author_bio: string | null;
  tags: TagRef[];
  title_marked: string;
  snippet_marked: string;
}

async function fullTextPage(words: string[], phrases: string[][], page: number, prefixes?: ReadonlySet<string>): Promise<{ hits: SearchHit[]; total: number }> {
  const tsQuery = buildTsQuery(words, prefixes, phrases);
  const pool = searchPool();
  const { rows } = await pool.query<FullTextRow>({ ...FULL_TEXT_PAGE, values: [tsQuery, words, (page - 1) * SEARCH_RESULTS_PER_PAGE, MARKERS, TITLE_OPTIONS, SNIPPET_OPTIONS] });
  const total = rows[0]?.total ?? (page > 1 ? ((await pool.query<{ total: number }>({ ...FULL_TEXT_TOTAL, values: [tsQuery] })).rows[0]?.total ?? 0) : 0);
  const hits = rows.map((row) => ({
    id: row.id,
    title: row.title,
    slug: row.slug,
    excerpt: row.excerpt,
    publishedAt: new Date(row.published_ms ?? 0),
    readingMinutes: readingMinutes(row.word_count),
    author: { name: row.author_name, slug: row.author_slug, bio: row.author_bio },
    tags: row.tags,
    titleHighlights: splitHighlights(row.title_marked, START, STOP),
    snippet: splitHighlights(row.snippet_marked.trim(), START, STOP),
  }));
  return { hits, total };
}

const POOL = Symbol.for("quire.search.pool");

/**
 * The connections search reads through: plain pg rather than Prisma, so the hot statement is prepared
 * once per connection (Prisma's raw queries are planned again on every call, which cost more than a
 * third of the statement's own time) and its rows need no second query for the list fields. One pool
 * per process, shared by the page's bundle and the server's search path.
 */
function searchPool(): pg.Pool {
  const slot = globalThis as Record<symbol, pg.Pool | undefined>;
  let pool = slot[POOL];
  if (!pool) {
    pool = slot[POOL] = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    // An idle connection the server dropped: logged, and the pool connects again on its next query.
    pool.on("error", (error) => console.error(`Search: a database connection failed (${error.message})`));
  }
  return pool;
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
