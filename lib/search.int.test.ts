import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createDraft, listPublishedSummariesById, savePost } from "@/lib/posts";
import { updateTag } from "@/lib/tags";
import type pg from "pg";
import { searchPosts, SEARCH_CONNECTIONS, SEARCH_RESULTS_PER_PAGE, warmSearchConnections, type SearchHit } from "@/lib/search";
import { ENGLISH_STOP_WORDS, SEARCH_COUNT_CAP, SEARCH_MAX_PAGE } from "@/lib/search-query";
import { recordSearchTerms } from "@/lib/search-terms";
import type { SessionUser } from "@/lib/users";
import { createStaff, docJson, postInput, removeCreatedData, runId } from "@/tests/integration/fixtures";

let author: SessionUser;

beforeAll(async () => {
  author = await createStaff("AUTHOR");
});

afterAll(async () => {
  await removeCreatedData();
  // Words made up for this run would otherwise become typo-correction targets for later runs.
  await db.$executeRaw`DELETE FROM search_terms WHERE word LIKE ${`%${runId}%`}`;
});

/** A word no other post contains: letters then this run's hex id (one token for PostgreSQL's parser). */
const marker = (label: string) => `${label}${runId}`;

interface PostSpec {
  title: string;
  body?: string[];
  excerpt?: string;
  tags?: string[];
  publish?: boolean;
  /** Add the post's words to the typo-correction vocabulary, as publishing will. */
  recordTerms?: boolean;
}

async function post({ title, body = ["Some body text."], excerpt = "", tags = [], publish = true, recordTerms = publish }: PostSpec): Promise<string> {
  const { id } = await createDraft(author);
  const { post: saved } = await savePost(author, postInput({ id, version: 1, title, customExcerpt: excerpt, tags, content: docJson(...body) }), publish ? "publish" : "save");
  if (recordTerms) await db.$transaction((tx) => recordSearchTerms(tx, saved.id));
  return saved.id;
}

const ids = (hits: SearchHit[]) => hits.map((hit) => hit.id);
/** Posts the words themselves find: none when only a corrected spelling or a look-alike title would. */
async function exactIds(query: string): Promise<string[]> {
  const result = await searchPosts(query, 1);
  return result.match === "fulltext" && result.correctedQuery === null ? ids(result.hits) : [];
}
/** More published posts than the count cap whose bodies alone mention `word`, newest first: `label`'s run. */
async function bodyOnlyMatches(label: string, word: string) {
  await db.$executeRaw`
    INSERT INTO posts (id, title, slug, content, plaintext, excerpt, status, published_at, updated_at, author_id)
    SELECT ${label} || ${runId} || n, ${label} || ' note ' || n, ${label} || '-' || ${runId} || '-' || n, '{}'::jsonb,
      'A body that mentions ' || ${word} || ' once.', '', 'PUBLISHED', now() - n * interval '1 minute', now(), ${author.id}
    FROM generate_series(1, ${SEARCH_COUNT_CAP + 5}) n`;
}

/** Pages 1-4 of a search for the prefix `word` are the pages of ranking every match, and count up to the cap. */
async function expectPagesAsEveryMatchRanked(word: string) {
  const everyMatchRanked = (
    await db.$queryRaw<{ id: string }[]>`SELECT id FROM search_ranked_matches(to_tsquery('english', ${`${word}:*`}), 40, 0)`
  ).map((row) => row.id);
  for (const page of [1, 2, 3, 4]) {
    const result = await searchPosts(word, page);
    expect(ids(result.hits), `page ${page}`).toEqual(everyMatchRanked.slice((page - 1) * SEARCH_RESULTS_PER_PAGE, page * SEARCH_RESULTS_PER_PAGE));
    expect(result.total).toBe(SEARCH_COUNT_CAP + 1);
  }
}

const highlighted = (hit: SearchHit | undefined) => (hit?.snippet ?? []).filter((s) => s.highlight).map((s) => s.text.toLowerCase());

describe("searchPosts: full-text ranking and snippets", () => {
  it("ranks a title match above an excerpt match above a body match", async () => {
    const word = marker("ranking");
    // Past the derived excerpt's 280 characters, so the word is only in the body.
    const lead = "A long opening paragraph that fills the derived excerpt with other words. ".repeat(5);
    const inBody = await post({ title: "Field notes", body: [lead, `We found a ${word} under the stairs, then left.`] });
    const inTitle = await post({ title: `The ${word} handbook`, body: ["Nothing to see."] });
    const inExcerpt = await post({ title: "Other notes", excerpt: `All about the ${word}.`, body: ["Plain body."] });

    const result = await searchPosts(word, 1);
    expect(ids(result.hits)).toEqual([inTitle, inExcerpt, inBody]);
    expect(result).toMatchObject({ query: word, correctedQuery: null, match: "fulltext", total: 3, page: 1, totalPages: 1 });
  });

  it("returns a summary with highlighted title and a snippet from deep in the body", async () => {
    const word = marker("snippet");
    const filler = Array.from({ length: 300 }, (_, i) => `filler${i}`).join(" ");
    const id = await post({
      title: `Guide to ${word}`,
      body: [filler, `Here the ${word} finally shows up in the text.`, filler],
    });
    const [hit] = (await searchPosts(`${word}`, 1)).hits;
    expect(hit?.id).toBe(id);
    expect(hit?.author.name).toBe(author.name);
    expect(hit?.titleHighlights).toEqual([
      { text: "Guide to ", highlight: false },
      { text: word, highlight: true },
    ]);
    expect(highlighted(hit)).toEqual([word]);
    const snippet = hit?.snippet.map((s) => s.text).join("") ?? "";
    expect(snippet).toContain("finally shows up");
    expect(snippet.length).toBeLessThan(600);
    expect(snippet).not.toMatch(/[\uE000\uE001]/);
  });

  it("gives each hit the list fields the post lists show (the search statement reads them itself)", async () => {
    const word = marker("fields");
    const first = await post({ title: `Fields ${word}`, tags: [`Tag ${word} b`, `Tag ${word} a`], body: ["One two three four five six."] });
    const second = await post({ title: `More ${word}`, body: ["Untagged."] });
    const { hits } = await searchPosts(word, 1);
    const summaries = await listPublishedSummariesById([first, second]);
    expect(hits.map((hit) => ({ ...hit, titleHighlights: undefined, snippet: undefined })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [summaries.get(first), summaries.get(second)].sort((a, b) => a!.id.localeCompare(b!.id)),
    );
    expect(hits.find((hit) => hit.id === first)?.tags.map((tag) => tag.name)).toEqual([`Tag ${word} b`, `Tag ${word} a`]);
  });

  it("requires every word and matches stems (indexes ~ indexing)", async () => {
    const word = marker("stems");
    const both = await post({ title: "Indexing at scale", body: [`Notes on ${word} and B-trees.`] });
    await post({ title: "Unrelated", body: [`Only ${word} here.`] });
    expect(ids((await searchPosts(`indexes ${word}`, 1)).hits)).toEqual([both]);
  });

  it("matches a partial last word as a prefix (retriev → retrieval)", async () => {
    const word = marker("prefix");
    const id = await post({ title: "Designing search", body: [`${word}: fast retrieval of documents.`] });
    const result = await searchPosts(`${word} retriev`, 1);
    expect(ids(result.hits)).toEqual([id]);
    expect(result.correctedQuery).toBeNull();
    expect(highlighted(result.hits[0])).toContain("retrieval");
  });

  it("matches a last word the posts hold as it is, not as a prefix (retries does not find retrieval)", async () => {
    const word = marker("whole");
    const retries = await post({ title: "Backoff", body: [`${word}: retries with jitter.`] });
    const retrieval = await post({ title: "Search", body: [`${word}: retrieval of documents.`] });
    const whole = await searchPosts(`${word} retries`, 1);
    expect(ids(whole.hits)).toEqual([retries]);
    expect(highlighted(whole.hits[0])).toContain("retries");
    // A partial word no post holds is still a prefix, and finds both.
    expect(ids((await searchPosts(`${word} retr`, 1)).hits).sort()).toEqual([retries, retrieval].sort());
  });

  it("matches a last word of one letter as it is: a.m does not find every word that starts with m", async () => {
    const word = marker("short");
    await post({ title: "Incidents", body: [`${word}: mistakes were made.`] });
    expect(await exactIds(`${word} m`)).toEqual([]);
  });

  it("finds words joined by punctuation, which PostgreSQL indexes as one (Node.js, a host, a path)", async () => {
    const word = marker("compound");
    const id = await post({ title: "Deploying", body: [`Run it on Node.js behind ${word}.internal, from /opt/${word}/bin/run.`] });
    const apart = await post({ title: "Apart", body: [`Mentions ${word} and, elsewhere, internal.`] });
    // Held as typed: the posts that hold it, not those with its words apart.
    expect(await exactIds(`${word}.internal`)).toEqual([id]);
    expect(await exactIds(`(Node.js), ${word}.internal!`)).toEqual([id]);
    // Not held as typed (only begun): as typed or as its words.
    expect((await exactIds(`${word}.intern`)).sort()).toEqual([id, apart].sort());
    expect(await exactIds(`/opt/${word}/bin/run`)).toEqual([id]);
    expect(highlighted((await searchPosts(`${word}.internal`, 1)).hits[0])).toContain(`${word}.internal`);
    // tsquery's operators inside a compound are text, never syntax.
    await expect(searchPosts(`${word}.a&b|c:*(d)<->e!f`, 1)).resolves.toMatchObject({ hits: [] });
  });

  it("pages through results ten at a time with the total count", async () => {
    const word = marker("paging");
    const created: string[] = [];
    for (let i = 0; i < SEARCH_RESULTS_PER_PAGE + 2; i++) created.push(await post({ title: `Part ${i}`, body: [`Chapter about ${word}.`] }));
    const first = await searchPosts(word, 1);
    const second = await searchPosts(word, 2);
    expect(first).toMatchObject({ total: 12, totalPages: 2, page: 1 });
    expect(first.hits).toHaveLength(10);
    expect(second).toMatchObject({ total: 12, totalPages: 2, page: 2 });
    expect(second.hits).toHaveLength(2);
    expect(new Set([...ids(first.hits), ...ids(second.hits)])).toEqual(new Set(created));
    const beyond = await searchPosts(word, 3);
    expect(beyond).toMatchObject({ total: 12, totalPages: 2, page: 3, hits: [] });
  });
});

describe("searchPosts: a word in more posts than the pages can show", () => {
  it("ranks title matches first and the rest newest first, exactly as ranking every match does, and counts no further than the pages", async () => {
    const word = marker("dense");
    const inTitle = await post({ title: `The ${word} guide`, body: ["A body without it."] });
    // More body-only matches than the last page can reach, dated a minute apart, written in one statement.
    await db.$executeRaw`
      INSERT INTO posts (id, title, slug, content, plaintext, excerpt, status, published_at, updated_at, author_id)
      SELECT 'dense' || ${runId} || n, 'Dense note ' || n, 'dense-' || ${runId} || '-' || n, '{}'::jsonb,
        'A body that mentions ' || ${word} || ' once.', '', 'PUBLISHED', now() - n * interval '1 minute', now(), ${author.id}
      FROM generate_series(1, ${SEARCH_COUNT_CAP + 5}) n`;
    const everyMatchRanked = (
      await db.$queryRaw<{ id: string }[]>`SELECT id FROM search_ranked_matches(to_tsquery('english', ${`${word}:*`}), 30, 0)`
    ).map((row) => row.id);
    expect(everyMatchRanked[0]).toBe(inTitle);
    expect(everyMatchRanked[1]).toBe(`dense${runId}1`);

    for (const page of [1, 2, 3]) {
      const result = await searchPosts(word, page);
      expect(ids(result.hits), `page ${page}`).toEqual(everyMatchRanked.slice((page - 1) * SEARCH_RESULTS_PER_PAGE, page * SEARCH_RESULTS_PER_PAGE));
      expect(result.total).toBe(SEARCH_COUNT_CAP + 1);
      expect(result.totalPages).toBe(SEARCH_MAX_PAGE);
    }
    // The last page served is still right, through the ranking of every match.
    const last = await searchPosts(word, SEARCH_MAX_PAGE);
    const lastRanked = (
      await db.$queryRaw<{ id: string }[]>`SELECT id FROM search_ranked_matches(to_tsquery('english', ${`${word}:*`}), ${SEARCH_RESULTS_PER_PAGE}, ${(SEARCH_MAX_PAGE - 1) * SEARCH_RESULTS_PER_PAGE})`
    ).map((row) => row.id);
    expect(ids(last.hits)).toEqual(lastRanked);
  });

  it("pages through title matches that fill one page and run out on the next, then the body-only ones, as ranking every match does", async () => {
    const word = marker("heads");
    // Twelve title matches: page 1 is all of them, page 2 has the last two and then the newest body-only matches.
    for (let i = 0; i < SEARCH_RESULTS_PER_PAGE + 2; i++) await post({ title: `The ${word} part ${i}`, body: ["A body without it."] });
    await bodyOnlyMatches("heads", word);
    await expectPagesAsEveryMatchRanked(word);
  });
});

describe("searchPosts: the number of posts holding each word (search_lexeme_posts)", () => {
  /** The kept count of each lexeme against the published posts' vectors, for the lexemes that start with `prefix`. */
  async function keptAndActual(prefix: string) {
    const kept = await db.$queryRaw<{ lexeme: string; posts: number }[]>`
      SELECT lexeme, posts FROM search_lexeme_posts WHERE starts_with(lexeme, ${prefix}) AND posts > 0 ORDER BY lexeme`;
    const actual = await db.$queryRaw<{ lexeme: string; posts: number }[]>`
      SELECT u.lexeme, count(*)::int AS posts FROM posts p, unnest(tsvector_to_array(p.search_vector)) AS u(lexeme)
      WHERE starts_with(u.lexeme, ${prefix}) GROUP BY u.lexeme ORDER BY u.lexeme`;
    return { kept, actual };
  }

  it("follows publishing, editing, unpublishing, re-tagging and deleting posts", async () => {
    const word = marker("kept");
    const first = await post({ title: `${word}a notes`, body: [`Body with ${word}b.`], tags: [`${word}t`] });
    await post({ title: "Other notes", body: [`Body with ${word}b and ${word}c.`] });
    await post({ title: "Draft notes", body: [`Body with ${word}d.`], publish: false });
    let counts = await keptAndActual(word);
    expect(counts.kept).toEqual(counts.actual);
    expect(counts.kept.map((row) => row.lexeme)).toEqual([`${word}a`, `${word}b`, `${word}c`, `${word}t`]);

    const { post: edited } = await savePost(author, postInput({ id: first, version: 2, title: `${word}e notes`, tags: [], content: docJson(`Body with ${word}c.`) }), "publish");
    counts = await keptAndActual(word);
    expect(counts.kept).toEqual(counts.actual);
    expect(counts.kept).toEqual([
      { lexeme: `${word}b`, posts: 1 },
      { lexeme: `${word}c`, posts: 2 },
      { lexeme: `${word}e`, posts: 1 },
    ]);

    await savePost(author, postInput({ id: first, version: edited.version, title: `${word}e notes`, content: docJson(`Body with ${word}c.`) }), "unpublish");
    counts = await keptAndActual(word);
    expect(counts.kept).toEqual(counts.actual);
    expect(counts.kept).toEqual([
      { lexeme: `${word}b`, posts: 1 },
      { lexeme: `${word}c`, posts: 1 },
    ]);

    await db.post.deleteMany({ where: { title: "Other notes", plaintext: { contains: word } } });
    expect(await keptAndActual(word)).toEqual({ kept: [], actual: [] });
  });

  /** `count` published posts whose body holds `words`, written in one statement as a import would. */
  async function bulkPosts(label: string, count: number, words: string) {
    await db.$executeRaw`
      INSERT INTO posts (id, title, slug, content, plaintext, excerpt, status, published_at, updated_at, author_id)
      SELECT ${label} || n, 'Bulk note ' || n, ${label} || '-' || n, '{}'::jsonb,
        'A body that mentions ' || ${words} || ' once.', '', 'PUBLISHED', now() - n * interval '1 minute', now(), ${author.id}
      FROM generate_series(1, ${count}) n`;
  }

  it("counts exactly a word in as many posts as the pages show, and says 'more' from one post more", async () => {
    const word = marker("edgecount");
    await bulkPosts(`edgecount${runId}`, SEARCH_COUNT_CAP, word);
    expect((await searchPosts(word, 1)).total).toBe(SEARCH_COUNT_CAP);
    expect((await searchPosts(word.slice(0, -1), 2)).total).toBe(SEARCH_COUNT_CAP);
    await post({ title: `One more ${word}` });
    const more = await searchPosts(word, 1);
    expect(more.total).toBe(SEARCH_COUNT_CAP + 1);
    expect(more.hits[0]?.title).toBe(`One more ${word}`);
    await db.post.updateMany({ where: { id: `edgecount${runId}1` }, data: { status: "DRAFT" } });
    expect((await searchPosts(word, 1)).total).toBe(SEARCH_COUNT_CAP);
  });

  it("counts the matches of a prefix whose words share posts, rather than adding up each word's posts", async () => {
    const word = marker("shared");
    // Two words that start with the query, each in 600 posts: the same 600.
    await bulkPosts(`shared${runId}`, 600, `${word}x and ${word}y`);
    const result = await searchPosts(word, 1);
    expect(result.total).toBe(600);
    expect(result.totalPages).toBe(60);
  });
});

describe("searchPosts: the stored rank of each title, excerpt and tag word (search_head_lexemes)", () => {
  /** The kept rows of the given posts against the rows their search_head gives now. */
  async function keptAndActual(postIds: string[]) {
    const kept = await db.$queryRaw<{ lexeme: string; post_id: string; score: number; published_at: Date | null }[]>`
      SELECT lexeme, post_id, score, published_at FROM search_head_lexemes WHERE post_id = ANY(${postIds}) ORDER BY post_id, lexeme`;
    const actual = await db.$queryRaw<{ lexeme: string; post_id: string; score: number; published_at: Date | null }[]>`
      SELECT l.lexeme, l.post_id, l.score, l.published_at FROM posts p CROSS JOIN LATERAL post_head_lexemes(p.id, p.search_head, p.published_at) l
      WHERE p.id = ANY(${postIds}) AND p.search_head IS NOT NULL ORDER BY l.post_id, l.lexeme`;
    return { kept, actual };
  }

  it("follows publishing, editing, re-tagging, renaming a tag, a new date, unpublishing and deleting", async () => {
    const word = marker("headkept");
    const first = await post({ title: `${word}a notes`, excerpt: `Excerpt with ${word}b twice, ${word}b.`, tags: [`Tag ${word}t`] });
    const second = await post({ title: "Other notes", excerpt: `Excerpt with ${word}b.` });
    const draft = await post({ title: `${word}d draft`, publish: false });
    let counts = await keptAndActual([first, second, draft]);
    expect(counts.kept).toEqual(counts.actual);
    expect(counts.kept.filter((row) => row.lexeme.startsWith(word)).map((row) => [row.post_id, row.lexeme])).toEqual(
      [
        [first, `${word}a`],
        [first, `${word}b`],
        [first, `${word}t`],
        [second, `${word}b`],
      ].sort(),
    );

    const { post: edited } = await savePost(author, postInput({ id: first, version: 2, title: `${word}e notes`, tags: [`Tag ${word}t`], content: docJson("Some body text.") }), "publish");
    counts = await keptAndActual([first, second]);
    expect(counts.kept).toEqual(counts.actual);
    expect(counts.kept.some((row) => row.lexeme === `${word}a`)).toBe(false);

    const editor = await createStaff("EDITOR");
    const tag = await db.tag.findFirstOrThrow({ where: { name: `Tag ${word}t` } });
    await updateTag(editor, { id: tag.id, updatedAt: tag.updatedAt.toISOString(), name: `Tag ${word}r`, slug: "", description: "" });
    counts = await keptAndActual([first]);
    expect(counts.kept).toEqual(counts.actual);
    expect(counts.kept.map((row) => row.lexeme)).toContain(`${word}r`);

    await db.post.update({ where: { id: second }, data: { publishedAt: new Date("2001-02-03T04:05:06Z") } });
    counts = await keptAndActual([second]);
    expect(counts.kept).toEqual(counts.actual);
    expect(counts.kept[0]?.published_at).toEqual(new Date("2001-02-03T04:05:06Z"));

    await savePost(author, postInput({ id: first, version: edited.version, title: `${word}e notes`, content: docJson("Some body text.") }), "unpublish");
    expect((await keptAndActual([first])).kept).toEqual([]);
    await db.post.delete({ where: { id: second } });
    expect((await keptAndActual([second])).kept).toEqual([]);
  });

  it("stores the rank a one-word query gives each post, so its pages read from it are those of ranking every match", async () => {
    const word = marker("storedrank");
    // Title, excerpt and tag matches of different ranks, one occurrence or several, then body-only matches.
    await post({ title: `The ${word} guide`, excerpt: `All about ${word}, and ${word} again.` });
    await post({ title: `A ${word} note` });
    await post({ title: "Tagged only", tags: [`Tag ${word}`] });
    for (let i = 0; i < 3; i++) await post({ title: `Excerpt ${i}`, excerpt: `An excerpt on ${word}.` });
    await db.$executeRaw`
      INSERT INTO posts (id, title, slug, content, plaintext, excerpt, status, published_at, updated_at, author_id)
      SELECT 'storedrank' || ${runId} || n, 'Stored rank note ' || n, 'storedrank-' || ${runId} || '-' || n, '{}'::jsonb,
        'A body that mentions ' || ${word} || ' once.', '', 'PUBLISHED', now() - n * interval '1 minute', now(), ${author.id}
      FROM generate_series(1, 25) n`;
    const stored = await db.$queryRaw<{ same: boolean }[]>`
      SELECT l.score = ts_rank_cd(p.search_head, to_tsquery('english', ${`${word}:*`})) AS same
      FROM search_head_lexemes l JOIN posts p ON p.id = l.post_id WHERE l.lexeme = ${word}`;
    expect(stored).toHaveLength(6);
    expect(stored.every((row) => row.same)).toBe(true);

    // The whole word and the word as a prefix (one lexeme starts with it) read the stored ranks.
    for (const query of [word, word.slice(0, -2)]) {
      const everyMatchRanked = (
        await db.$queryRaw<{ id: string }[]>`SELECT id FROM search_ranked_matches(to_tsquery('english', ${`${query}:*`}), 40, 0)`
      ).map((row) => row.id);
      expect(everyMatchRanked).toHaveLength(31);
      for (const page of [1, 2, 3, 4]) {
        const result = await searchPosts(query, page);
        expect(ids(result.hits), `${query} page ${page}`).toEqual(everyMatchRanked.slice((page - 1) * SEARCH_RESULTS_PER_PAGE, page * SEARCH_RESULTS_PER_PAGE));
        expect(result.total).toBe(31);
      }
    }
  });

  it("reads the title matches of a prefix that starts several words from their stored ranks, ranking here the posts that hold more than one", async () => {
    const word = marker("several");
    const [alpha, beta] = [`${word}alpha`, `${word}beta`];
    // Title, excerpt and tag matches holding one of the two words, the other, or both (which rank above either alone).
    await post({ title: `The ${alpha} guide`, excerpt: `All about ${beta}.` });
    await post({ title: `A ${alpha} note` });
    await post({ title: `A ${beta} note`, excerpt: `${beta}, and ${beta} again.` });
    await post({ title: "Tagged only", tags: [`Tag ${alpha}`] });
    for (let i = 0; i < 9; i++) await post({ title: `Excerpt ${i}`, excerpt: i % 3 === 0 ? `On ${alpha} and ${beta}.` : `On ${i % 2 ? alpha : beta}.` });
    await bodyOnlyMatches("several", alpha);
    await expectPagesAsEveryMatchRanked(word);
  });
});

describe("searchPosts: snippets cut from the start of the body (search_body_heads)", () => {
  const kept = (postId: string) => db.searchBodyHead.findUnique({ where: { postId }, select: { head: true, whole: true } });

  it("keeps the first 1,000 characters of every post's body through creating, editing and deleting", async () => {
    const long = "Words that fill the start of a long body. ".repeat(40);
    const { id } = await createDraft(author);
    expect(await kept(id)).toEqual({ head: "", whole: true });
    const { post: saved } = await savePost(author, postInput({ id, version: 1, title: "Heads", content: docJson(long) }), "save");
    const text = (await db.post.findUniqueOrThrow({ where: { id }, select: { plaintext: true } })).plaintext;
    expect(await kept(id)).toEqual({ head: text.slice(0, 1000), whole: false });
    await savePost(author, postInput({ id, version: saved.version, title: "Heads", content: docJson("Short now.") }), "publish");
    expect(await kept(id)).toEqual({ head: "Short now.", whole: true });
    await db.post.delete({ where: { id } });
    expect(await kept(id)).toBeNull();
  });

  it("gives the snippet the whole body gives, whether the match is near the start, past the kept start, or the body is short", async () => {
    const word = marker("headsnip");
    const filler = (n: number) => "Plain words that say nothing in particular. ".repeat(n);
    const posts = [
      await post({ title: "Near the start", body: [filler(4), `Here the ${word} indexes begin.`, filler(60)] }),
      await post({ title: "Across the kept start", body: [filler(18), `Later the ${word} indexing starts.`, filler(60)] }),
      await post({ title: "Far down", body: [filler(80), `At last the ${word.toUpperCase()} and ${word} index.`, filler(3)] }),
      await post({ title: "Short", body: [`Only ${word} indexed here.`] }),
    ];
    const snippets = async () => new Map((await searchPosts(`${word} indexes`, 1)).hits.map((hit) => [hit.id, hit.snippet]));
    const fromHeads = await snippets();
    expect([...fromHeads.keys()].sort()).toEqual([...posts].sort());
    // Without the kept starts every snippet is cut from the whole body, as before search_body_heads.
    await db.searchBodyHead.deleteMany({ where: { postId: { in: posts } } });
    expect(await snippets()).toEqual(fromHeads);
    for (const id of posts) expect(fromHeads.get(id)?.some((segment) => segment.highlight && segment.text.toLowerCase() === word)).toBe(true);
  });
});

describe("searchPosts: stop words", () => {
  it("knows the words PostgreSQL leaves out of the index", async () => {
    const words = [...ENGLISH_STOP_WORDS];
    const indexed = await db.$queryRaw<{ word: string }[]>`
      SELECT w AS word FROM unnest(${words}::text[]) AS w WHERE numnode(to_tsquery('english', quote_literal(w))) > 0`;
    expect(indexed).toEqual([]);
    // And it is not a list of every word: these are indexed.
    const kept = await db.$queryRaw<{ word: string }[]>`
      SELECT w AS word FROM unnest(${["search", "theory", "post"]}::text[]) AS w WHERE numnode(to_tsquery('english', quote_literal(w))) > 0`;
    expect(kept.map((row) => row.word)).toEqual(["search", "theory", "post"]);
  });

  it("answers a query of stop words alone with no results and no look-alike titles, and searches the other words of a query", async () => {
    const word = marker("common");
    const id = await post({ title: `The ${word} of them all`, body: ["With them, about the rest."] });
    for (const query of ["the", "The!", "with them", '"of the"']) {
      expect(await searchPosts(query, 1), query).toMatchObject({ match: "stopwords", total: 0, hits: [], correctedQuery: null });
    }
    expect(await exactIds(`the ${word}`)).toEqual([id]);
  });
});

describe("searchPosts: the stored index", () => {
  it("finds a post by a tag name, ranked with the excerpt above the body", async () => {
    const word = marker("tagged");
    const inBody = await post({ title: "Body notes", body: [`A note on ${word}.`] });
    const byTag = await post({ title: "Tag notes", body: ["Nothing in the text."], tags: [`Topic ${word}`] });
    expect(await exactIds(word)).toEqual([byTag, inBody]);
  });

  it("matches a quoted phrase only where its words stand together, in order", async () => {
    const word = marker("phrase");
    const together = await post({ title: "Harbour", body: [`${word}: the harbour lights came on at dusk.`] });
    const apart = await post({ title: "Lights", body: [`${word}: lights were seen over the harbour.`] });
    const withStopWords = await post({ title: "Art", body: [`${word}: the state of the art in lighthouses.`] });
    expect(new Set(await exactIds(`${word} harbour lights`))).toEqual(new Set([together, apart]));
    const phrase = await searchPosts(`${word} "harbour lights"`, 1);
    expect(ids(phrase.hits)).toEqual([together]);
    expect(highlighted(phrase.hits[0])).toEqual(expect.arrayContaining(["harbour", "lights"]));
    // Stop words are not indexed, but they keep their place: "state of the art" is not "state art".
    expect(await exactIds(`${word} “state of the art”`)).toEqual([withStopWords]);
    expect(await exactIds(`${word} "state art"`)).toEqual([]);
  });

  it("takes the snippet from the body around the match and marks the stemmed forms", async () => {
    const word = marker("window");
    const before = "Opening words that say nothing in particular. ".repeat(200);
    const after = "Closing words that say nothing either. ".repeat(200);
    const id = await post({ title: "Long read", body: [before, `Here we were indexing the ${word} archive carefully.`, after] });
    const [hit] = (await searchPosts(`${word} indexes`, 1)).hits;
    expect(hit?.id).toBe(id);
    expect(highlighted(hit)).toEqual(expect.arrayContaining([word, "indexing"]));
    const snippet = hit?.snippet.map((s) => s.text).join("") ?? "";
    expect(snippet).toContain(`indexing the ${word} archive`);
    // The window around the match is cut between words, never inside one.
    const wordsOf = (text: string) => Array.from(text.matchAll(/[\p{L}\p{N}]+/gu), (match) => match[0]);
    const known = new Set(wordsOf(`${before} Here we were indexing the ${word} archive carefully. ${after}`));
    for (const piece of wordsOf(snippet)) expect(known).toContain(piece);
  });

  it("starts the snippet at the first place the body has a word in any case, and keeps the body's last word when the window reaches its end", async () => {
    const word = marker("edge");
    const before = "Opening words that say nothing in particular. ".repeat(50);
    const id = await post({ title: "Edges", body: [before, `${word.toUpperCase()} comes first in capitals, and ${word} later, closing the body`] });
    const [hit] = (await searchPosts(word, 1)).hits;
    expect(hit?.id).toBe(id);
    const snippet = hit?.snippet.map((s) => s.text).join("") ?? "";
    expect(snippet).toContain(`${word.toUpperCase()} comes first in capitals`);
    expect(snippet.trimEnd()).toMatch(/closing the body$/);
    expect(highlighted(hit)).toContain(word);
  });

  it("re-indexes a post when its title, tags or a tag's name change, and drops it when unpublished", async () => {
    const oldWord = marker("before");
    const newWord = marker("after");
    const tagWord = marker("tagold");
    const renamedWord = marker("tagnew");
    const id = await post({ title: `About ${oldWord}`, tags: [`Tag ${tagWord}`] });
    expect(await exactIds(oldWord)).toEqual([id]);
    expect(await exactIds(tagWord)).toEqual([id]);

    const { post: edited } = await savePost(author, postInput({ id, version: 2, title: `About ${newWord}`, tags: [`Tag ${tagWord}`], content: docJson("Some body text.") }), "publish");
    expect(await exactIds(oldWord)).toEqual([]);
    expect(await exactIds(newWord)).toEqual([id]);

    const editor = await createStaff("EDITOR");
    const tag = await db.tag.findFirstOrThrow({ where: { name: `Tag ${tagWord}` } });
    await updateTag(editor, { id: tag.id, updatedAt: tag.updatedAt.toISOString(), name: `Tag ${renamedWord}`, slug: "", description: "" });
    expect(await exactIds(tagWord)).toEqual([]);
    expect(await exactIds(renamedWord)).toEqual([id]);

    await savePost(author, postInput({ id, version: edited.version, title: `About ${newWord}`, tags: [], content: docJson("Some body text.") }), "save");
    expect(await exactIds(renamedWord)).toEqual([]);
    await savePost(author, postInput({ id, version: edited.version + 1, title: `About ${newWord}`, content: docJson("Some body text.") }), "unpublish");
    expect(await exactIds(newWord)).toEqual([]);
  });
});

describe("searchPosts: typos and fuzzy titles", () => {
  it("corrects misspelt words against the published vocabulary (postgress, embeddins)", async () => {
    const word = marker("typo");
    const id = await post({ title: "Vector search in PostgreSQL", body: [`Storing embeddings next to ${word} rows.`] });

    const postgres = await searchPosts(`postgress ${word}`, 1);
    expect(ids(postgres.hits)).toEqual([id]);
    expect(postgres.correctedQuery).toMatch(new RegExp(`^postgres(ql)? ${word}$`));

    const embeddings = await searchPosts(`${word} embeddins`, 1);
    expect(ids(embeddings.hits)).toEqual([id]);
    expect(embeddings.correctedQuery).toMatch(new RegExp(`^${word} embeddings?$`));
    expect(highlighted(embeddings.hits[0])).toContain("embeddings");
  });

  it("does not correct a query that already finds posts", async () => {
    const word = marker("nocorrect");
    await post({ title: "Databases", body: [`Many databases hold ${word}.`] });
    const result = await searchPosts(`${word} database`, 1);
    expect(result.total).toBe(1);
    expect(result.correctedQuery).toBeNull();
  });

  it("falls back to fuzzy title matching when no post contains the words", async () => {
    // Longer than any correctable word, so the misspelt query cannot be rescued by correction.
    const word = marker("owl").padEnd(44, "q");
    const id = await post({ title: `Night ${word}`, body: ["Nothing in the body."] });
    const result = await searchPosts(`nigth ${word}x`, 1);
    expect(result.match).toBe("title");
    expect(ids(result.hits)).toContain(id);
    expect(result.hits.find((hit) => hit.id === id)?.titleHighlights).toEqual([{ text: `Night ${word}`, highlight: false }]);
  });

  it("records only the words of published posts", async () => {
    const secret = marker("secretword");
    const draftId = await post({ title: `Draft ${secret}`, publish: false });
    await db.$transaction((tx) => recordSearchTerms(tx, draftId));
    expect(await db.searchTerm.count({ where: { word: secret } })).toBe(0);

    const shown = marker("shownword");
    const liveId = await post({ title: "Live", excerpt: `Excerpt with ${shown}`, body: ["ok hi Supercalifragilistic"], recordTerms: false });
    await db.$transaction((tx) => recordSearchTerms(tx, liveId));
    await db.$transaction((tx) => recordSearchTerms(tx, liveId)); // idempotent
    const words = (await db.searchTerm.findMany({ where: { word: { in: [shown, "supercalifragilistic", "ok", "hi"] } } })).map((t) => t.word);
    expect(words.sort()).toEqual([shown, "supercalifragilistic"]);
  });
});

describe("searchPosts: visibility and hostile input", () => {
  it("never returns drafts, nor corrects towards their words", async () => {
    const word = marker("hidden");
    const draftId = await post({ title: `Draft about ${word}`, body: [`${word} everywhere`], publish: false });
    // Other posts of this run share the id suffix and may be offered as corrections; the draft never is.
    const exact = await searchPosts(word, 1);
    expect(ids(exact.hits)).not.toContain(draftId);
    expect(exact.correctedQuery ?? "").not.toContain(word);
    const typo = `${word.slice(0, 3)}${word.slice(4)}`;
    const corrected = await searchPosts(typo, 1);
    expect(ids(corrected.hits)).not.toContain(draftId);
    expect(corrected.correctedQuery ?? "").not.toContain(word);
    expect(corrected.hits.map((hit) => hit.title).join(" ")).not.toContain(word);
  });

  it.each([
    `'"); DROP TABLE posts; --`,
    "a & | ! :*",
    "!!!",
    "(((",
    "'",
    "\\",
    "<-> <2> :* & |",
    "postgres:* & !(",
    "' OR 1=1 --",
    "$$ $tag$ ;",
    "%_%",
    "🚀🔥",
    "日本語 テキスト",
    "the of and",
    "\u0000\u0001\uE000\uE001",
    "x".repeat(10_000),
    "word ".repeat(2_000),
  ])("answers %j without throwing", async (query) => {
    const result = await searchPosts(query, 1);
    expect(Array.isArray(result.hits)).toBe(true);
    expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
    expect(result.query.length).toBeLessThanOrEqual(200);
    expect(await db.post.count()).toBeGreaterThan(0);
  });

  it("finds a post through an operator-laden query", async () => {
    const word = marker("operators");
    const id = await post({ title: `Operators ${word}`, body: ["body"] });
    expect(ids((await searchPosts(`!${word} & | :*`, 1)).hits)).toEqual([id]);
    expect(ids((await searchPosts(`"${word}"`, 1)).hits)).toEqual([id]);
  });

  it("returns nothing for an empty query", async () => {
    expect(await searchPosts("   ", 1)).toMatchObject({ query: "", total: 0, hits: [] });
  });
});

describe("warmSearchConnections", () => {
  it("opens every search connection, with the search statement prepared on each and generic plans forced, and keeps them open", async () => {
    await warmSearchConnections();
    const pool = (globalThis as Record<symbol, pg.Pool | undefined>)[Symbol.for("quire.search.pool")]!;
    expect(pool.totalCount).toBe(SEARCH_CONNECTIONS);
    const clients = await Promise.all(Array.from({ length: SEARCH_CONNECTIONS }, () => pool.connect()));
    try {
      for (const client of clients) {
        const { rows } = await client.query<{ prepared: boolean; mode: string }>(
          "SELECT EXISTS (SELECT 1 FROM pg_prepared_statements WHERE name = 'search-full-text-page') AS prepared, current_setting('plan_cache_mode') AS mode",
        );
        expect(rows[0]).toEqual({ prepared: true, mode: "force_generic_plan" });
      }
    } finally {
      for (const client of clients) client.release();
    }
    // min = max: none is closed for being idle.
    expect((pool as unknown as { options: { min: number } }).options.min).toBe(SEARCH_CONNECTIONS);
  });
});
