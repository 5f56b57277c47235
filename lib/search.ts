import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { cacheTags } from "@/lib/cache/tags";
import pg from "pg";
import { readingMinutes } from "@/lib/editor/doc-text";
import { env } from "@/lib/env";
import { highlighter, queryLexemes } from "@/lib/search/highlight";
import type { PostSummary } from "@/lib/posts";
import type { TagRef } from "@/lib/tags";
import { MAX_TERM_LENGTH, MIN_TERM_LENGTH } from "@/lib/search-terms";
import { buildTsQuery, lastSearchTerm, onlyStopWords, parseSearchQuery, SEARCH_COUNT_CAP, SEARCH_MAX_PAGE, SEARCH_MIN_PREFIX_LENGTH, SEARCH_RESULTS_PER_PAGE, type HighlightSegment, type SearchCompound } from "@/lib/search-query";

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
  /**
   * "title" when no post contained the words and the results are titles that look like the query;
   * "stopwords" when every word is one the index leaves out ("the"), so nothing was searched.
   */
  match: "fulltext" | "title" | "stopwords";
  hits: SearchHit[];
  /** Exact up to SEARCH_COUNT_CAP; above it, the number means "more than SEARCH_COUNT_CAP". */
  total: number;
  page: number;
  totalPages: number;
}

// The snippet is cut from a window of the body around the first match (or the excerpt when the body has
// none), so the statement returns that window instead of the whole post.
const SNIPPET_BEFORE_CHARS = 160;
const SNIPPET_WINDOW_CHARS = 640;
const FIRST_PARTIAL_WORD = String.raw`^\S*\s+`;

// The tags of a page's hits (a CTE named hits, with an id column), gathered in one join. A subquery per hit
// was planned as a hash join that read the whole tags table once for every hit.
const HIT_TAGS = `hit_tags AS (
      SELECT pt.post_id, json_agg(json_build_object('name', t.name, 'slug', t.slug) ORDER BY pt.position) AS list
      FROM hits JOIN post_tags pt ON pt.post_id = hits.id JOIN tags t ON t.id = pt.tag_id
      GROUP BY pt.post_id
    )`;

/** A hit's list fields (lib/posts.ts PostSummary), from posts p, users u and hit_tags ht. */
const LIST_FIELDS = `p.slug, p.title, p.excerpt, p.word_count,
      (extract(epoch FROM p.published_at) * 1000)::float8 AS published_ms,
      u.name AS author_name, u.slug AS author_slug, u.bio AS author_bio,
      coalesce(ht.list, '[]'::json) AS tags`;

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
  const { text, words, phrases, compounds } = parseSearchQuery(rawQuery);
  const pageNumber = Number.isSafeInteger(page) && page > 0 ? page : 1;
  const empty: SearchResults = { query: text, correctedQuery: null, match: "fulltext", hits: [], total: 0, page: pageNumber, totalPages: 1 };
  if (words.length === 0) return empty;
  // No post can be found by these words, and the title fallback compared every title holding them (40 ms
  // for "the" on 10,000 posts) to show posts that merely share a word with the query.
  if (onlyStopWords(words)) return { ...empty, match: "stopwords" };

  const direct = await fullTextPage(words, phrases, compounds, pageNumber);
  if (direct.total > 0) return { ...empty, ...direct, totalPages: totalPages(direct.total) };

  const corrected = await correctWords(words);
  const guessed = new Set(corrected.filter((word, index) => word !== words[index]));
  if (guessed.size > 0) {
    // A correction is a guess at the spelling, not the form: "postgres" should still find "PostgreSQL".
    const replace = (word: string) => corrected[words.indexOf(word)] ?? word;
    const retry = await fullTextPage(
      corrected,
      phrases.map((phrase) => phrase.map(replace)),
      compounds.map((compound) => ({ ...compound, words: compound.words.map(replace) })),
      pageNumber,
      guessed,
    );
    if (retry.total > 0) return { ...empty, ...retry, correctedQuery: corrected.join(" "), totalPages: totalPages(retry.total) };
  }

  const byTitle = await titlePage(words.join(" "), pageNumber);
  return { ...empty, ...byTitle, match: "title", totalPages: totalPages(byTitle.total) };
}

function totalPages(total: number): number {
  return Math.min(SEARCH_MAX_PAGE, Math.max(1, Math.ceil(total / SEARCH_RESULTS_PER_PAGE)));
}

/**
 * The query's text, from three parameters: `whole` (the last word matched as it is) when every lexeme of
 * the last word is one the published posts hold (search_lexeme_posts), else `prefix` (the last word as a
 * prefix). A stop word has no lexeme, and a null `whole` is never chosen. Decided in the statement that
 * searches, so that a search is one round trip.
 */
function chosenQuery(prefix: number, whole: number, lastWord: number): string {
  return `CASE WHEN $${whole}::text IS NOT NULL AND (
      SELECT coalesce(bool_and(l.posts > 0), false)
      FROM unnest(tsvector_to_array(to_tsvector('english', $${lastWord}::text))) AS t(lexeme)
      LEFT JOIN search_lexeme_posts l ON l.lexeme = t.lexeme
    ) THEN $${whole}::text ELSE $${prefix}::text END`;
}

// One statement for a page of full-text hits: the ranked page (search_published_posts, the search_index,
// search_dense_words, search_lexeme_posts, search_head_lexemes and search_several_head_lexemes migrations: matches ranked through the GIN
// indexes, counted up to SEARCH_COUNT_CAP, or not at all when the posts per word say so; a one-word query's
// title, excerpt and tag matches read in order from their stored ranks), each hit's list fields, the
// query as PostgreSQL parsed it (its lexemes mark the matches: lib/search/highlight.ts) and the window the
// snippet is cut from. The window starts at the first place the body has one of the words, as typed or
// stemmed (stop words have no stem and are never looked for). The text never changes, so it is prepared
// once per connection and PostgreSQL keeps its plan.
const FULL_TEXT_PAGE = {
  name: "search-full-text-page",
  text: `
    -- The query parsed once: in the kept (generic) plan a to_tsquery() call is not folded to a constant and
    -- would run again for every row.
    WITH query AS MATERIALIZED (SELECT to_tsquery('english', ${chosenQuery(1, 4, 5)}) AS q),
    -- The LIMIT tells the planner how few rows the function returns (it assumes 1,000 and would join them
    -- to posts by reading the whole table), so each is looked up by its key.
    hits AS MATERIALIZED (
      SELECT f.* FROM query CROSS JOIN LATERAL (SELECT * FROM search_published_posts(query.q, ${SEARCH_RESULTS_PER_PAGE}, $3, ${SEARCH_COUNT_CAP}) LIMIT ${SEARCH_RESULTS_PER_PAGE}) f
    ),
    ${HIT_TAGS},
    needles AS (
      SELECT coalesce(array_agg(DISTINCT n), '{}') AS list, coalesce(max(length(n)), 0) AS longest
      FROM unnest($2::text[]) AS w(word), unnest(ARRAY[w.word] || ts_lexize('english_stem', w.word)) AS n
      WHERE cardinality(ts_lexize('english_stem', w.word)) > 0
    )
    SELECT h.id, h.total, ${LIST_FIELDS},
      query.q::text AS query_text, s.source AS snippet_source
    FROM hits h
    JOIN posts p ON p.id = h.id
    JOIN users u ON u.id = p.author_id
    LEFT JOIN hit_tags ht ON ht.post_id = h.id
    CROSS JOIN query
    CROSS JOIN needles
    -- The window comes from the start of the body kept in search_body_heads when that holds the first match
    -- and the whole window (or is the whole body): the same window, without reading the rest of the body.
    LEFT JOIN search_body_heads bh ON bh.post_id = h.id
    CROSS JOIN LATERAL (SELECT min(nullif(strpos(hl.lowered, n), 0)) AS at FROM (SELECT lower(bh.head) AS lowered OFFSET 0) hl, unnest(needles.list) AS n) hm
    CROSS JOIN LATERAL (
      SELECT coalesce(bh.whole OR (hm.at + needles.longest - 1 <= length(bh.head) AND greatest(1, hm.at - ${SNIPPET_BEFORE_CHARS}) + ${SNIPPET_WINDOW_CHARS} <= length(bh.head)), false) AS answers
    ) ha
    CROSS JOIN LATERAL (
      SELECT bh.head AS body, hm.at WHERE ha.answers
      UNION ALL
      -- Otherwise the body once: detoasted and lower-cased here (OFFSET 0 keeps each apart), not again for
      -- every word looked for and every use below.
      SELECT t.body, (SELECT min(nullif(strpos(t.lowered, n), 0)) FROM unnest(needles.list) AS n)
      FROM (SELECT b.body, lower(b.body) AS lowered FROM (SELECT p.plaintext || '' AS body OFFSET 0) b OFFSET 0) t
      WHERE NOT ha.answers
    ) m
    CROSS JOIN LATERAL (SELECT greatest(1, m.at - ${SNIPPET_BEFORE_CHARS}) AS first) w
    CROSS JOIN LATERAL (
      -- A window that cuts into the body drops the partial words at its edges. The last one is dropped from
      -- the reversed text: a pattern anchored at the end is tried from every position of the window.
      SELECT CASE WHEN w.first > 1 THEN regexp_replace(substr(m.body, w.first, ${SNIPPET_WINDOW_CHARS}), '${FIRST_PARTIAL_WORD}', '')
        ELSE substr(m.body, w.first, ${SNIPPET_WINDOW_CHARS}) END AS text
    ) cut
    CROSS JOIN LATERAL (
      SELECT CASE WHEN m.at IS NULL THEN p.excerpt
        WHEN w.first + ${SNIPPET_WINDOW_CHARS} <= length(m.body) THEN reverse(regexp_replace(reverse(cut.text), '${FIRST_PARTIAL_WORD}', ''))
        ELSE cut.text END AS source
    ) s
    ORDER BY h.rank DESC, h.published_at DESC NULLS LAST, h.id`,
};

const FULL_TEXT_TOTAL = { name: "search-full-text-total", text: `SELECT h.total FROM search_published_posts(to_tsquery('english', ${chosenQuery(1, 2, 3)}), 1, 0, ${SEARCH_COUNT_CAP}) h` };

/** A hit's list fields as LIST_FIELDS gives them. */
interface HitRow {
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
}

interface FullTextRow extends HitRow {
  query_text: string;
  snippet_source: string;
}

function toHit(row: HitRow, titleHighlights: HighlightSegment[], snippet: HighlightSegment[]): SearchHit {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    excerpt: row.excerpt,
    publishedAt: new Date(row.published_ms ?? 0),
    readingMinutes: readingMinutes(row.word_count),
    author: { name: row.author_name, slug: row.author_slug, bio: row.author_bio },
    tags: row.tags,
    titleHighlights,
    snippet,
  };
}

async function fullTextPage(words: string[], phrases: string[][], compounds: SearchCompound[], page: number, prefixes?: ReadonlySet<string>): Promise<{ hits: SearchHit[]; total: number }> {
  const pool = searchPool();
  const last = lastSearchTerm(words, compounds);
  const asPrefix = buildTsQuery(words, prefixes, phrases, false, compounds);
  // A guessed correction stays a prefix: it is a guess at the spelling, not the form. A short last word
  // is matched as it is either way: nothing to look up.
  const asWhole = prefixes?.has(words.at(-1)!) || last.length < SEARCH_MIN_PREFIX_LENGTH ? null : buildTsQuery(words, prefixes, phrases, true, compounds);
  const { rows } = await pool.query<FullTextRow>({ ...FULL_TEXT_PAGE, values: [asPrefix, words, (page - 1) * SEARCH_RESULTS_PER_PAGE, asWhole, last] });
  const total = rows[0]?.total ?? (page > 1 ? ((await pool.query<{ total: number }>({ ...FULL_TEXT_TOTAL, values: [asPrefix, asWhole, last] })).rows[0]?.total ?? 0) : 0);
  const marks = highlighter(queryLexemes(rows[0]?.query_text ?? ""));
  const hits = rows.map((row) => toHit(row, marks.all(row.title), marks.snippet(row.snippet_source)));
  return { hits, total };
}

const POOL = Symbol.for("quire.search.pool");
/** Connections search reads through, per process. */
export const SEARCH_CONNECTIONS = 4;

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
    pool = slot[POOL] = new pg.Pool({
      connectionString: env.DATABASE_URL,
      // Kept open however long they idle (min = max), and opened at start (warmSearchConnections): the first
      // searches on a new connection cost 25-45 ms, then 10-20 ms each for the next few, while PostgreSQL
      // loads its catalogs, compiles the search function and plans its statements in that session.
      max: SEARCH_CONNECTIONS,
      min: SEARCH_CONNECTIONS,
      allowExitOnIdle: true,
      // The statements are written for the plan PostgreSQL keeps (FULL_TEXT_PAGE); left to choose, it plans
      // each connection's first five executions for their values, at about a millisecond each, and then
      // keeps the generic plan anyway.
      options: "-c plan_cache_mode=force_generic_plan",
    });
    // An idle connection the server dropped: logged, and the pool connects again on its next query.
    pool.on("error", (error) => console.error(`Search: a database connection failed (${error.message})`));
  }
  return pool;
}

/**
 * Opens every search connection and runs a search on each, so that the first readers to search after a
 * start wait no longer than later ones. The server calls it once it listens (lib/search/fast-path.ts).
 */
export async function warmSearchConnections(): Promise<void> {
  const pool = searchPool();
  // Held at once, so that each is a connection of its own (the pool opens one only when none is idle).
  const clients = await Promise.all(Array.from({ length: SEARCH_CONNECTIONS }, () => pool.connect()));
  let words: string[];
  try {
    // Words the posts hold, when there are any: their searches run the statements readers' searches run.
    words = (await clients[0]!.query<{ word: string }>(`SELECT word FROM search_terms ORDER BY word LIMIT ${SEARCH_CONNECTIONS}`)).rows.map((row) => row.word);
  } finally {
    for (const client of clients) client.release();
  }
  // As many searches at once as there are connections, all idle now: each search takes one of them.
  await Promise.all(Array.from({ length: SEARCH_CONNECTIONS }, (_, i) => findPosts(words[i % words.length] ?? "search", 1)));
}

// A page of titles that look like the text, with their list fields, in one statement. `<%` is
// word_similarity above pg_trgm.word_similarity_threshold (0.6), served by posts_title_trgm_idx.
const TITLE_PAGE = {
  name: "search-title-page",
  text: `
    WITH hits AS MATERIALIZED (
      SELECT p.id, (count(*) OVER ())::int AS total, word_similarity($1, p.title) AS similarity, p.published_at
      FROM posts p
      WHERE p.status = 'PUBLISHED' AND $1 <% p.title
      ORDER BY word_similarity($1, p.title) DESC, p.published_at DESC NULLS LAST, p.id
      LIMIT ${SEARCH_RESULTS_PER_PAGE} OFFSET $2
    ),
    ${HIT_TAGS}
    SELECT h.id, h.total, ${LIST_FIELDS}
    FROM hits h
    JOIN posts p ON p.id = h.id
    JOIN users u ON u.id = p.author_id
    LEFT JOIN hit_tags ht ON ht.post_id = h.id
    ORDER BY h.similarity DESC, h.published_at DESC NULLS LAST, h.id`,
};

const TITLE_TOTAL = { name: "search-title-total", text: "SELECT count(*)::int AS total FROM posts p WHERE p.status = 'PUBLISHED' AND $1 <% p.title" };

async function titlePage(text: string, page: number): Promise<{ hits: SearchHit[]; total: number }> {
  const pool = searchPool();
  const { rows } = await pool.query<HitRow>({ ...TITLE_PAGE, values: [text, (page - 1) * SEARCH_RESULTS_PER_PAGE] });
  const total = rows[0]?.total ?? (page > 1 ? ((await pool.query<{ total: number }>({ ...TITLE_TOTAL, values: [text] })).rows[0]?.total ?? 0) : 0);
  return { hits: rows.map((row) => toHit(row, plain(row.title), plain(row.excerpt))), total };
}

function plain(text: string): HighlightSegment[] {
  return text === "" ? [] : [{ text, highlight: false }];
}

const CORRECTIONS = {
  name: "search-corrections",
  text: `
    SELECT w.word,
      (SELECT t.word FROM search_terms t WHERE t.word % w.word ORDER BY similarity(t.word, w.word) DESC, t.word LIMIT 1) AS suggestion
    FROM unnest($1::text[]) AS w(word)
    WHERE NOT EXISTS (SELECT 1 FROM search_terms t WHERE t.word = w.word)
      AND NOT (w.word = $2 AND EXISTS (SELECT 1 FROM search_terms t WHERE t.word LIKE $3))`,
};

/**
 * The words with each unknown one replaced by the closest published word (pg_trgm similarity, at least
 * pg_trgm.similarity_threshold = 0.3). The last word counts as known when it starts a published word,
 * because it is searched as a prefix.
 */
async function correctWords(words: string[]): Promise<string[]> {
  const candidates = words.filter((word) => word.length >= MIN_TERM_LENGTH && word.length <= MAX_TERM_LENGTH);
  if (candidates.length === 0) return words;
  const last = words.at(-1) ?? "";
  // Words hold only letters, digits and marks, so the LIKE pattern has no wildcard but the one added.
  const { rows } = await searchPool().query<{ word: string; suggestion: string | null }>({ ...CORRECTIONS, values: [candidates, last, `${last}%`] });
  const replacements = new Map(rows.flatMap((row) => (row.suggestion ? [[row.word, row.suggestion] as const] : [])));
  return words.map((word) => replacements.get(word) ?? word);
}
