/**
 * Fills one benchmark database (DATABASE_URL, already migrated). `demo` is exactly what a fresh install
 * gets; `large` is the same install plus generated authors, tags and posts up to the asked-for totals.
 * Run with `tsx --conditions=react-server` (lib/ modules are server-only); bench/run.ts does that.
 *
 *   tsx --conditions=react-server bench/seed.ts demo|large [posts tags authors]
 *
 * Prints one JSON line with what it created.
 */
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import pg from "pg";
import { deriveExcerpt, parsePostDoc } from "@/lib/editor/doc";
import { hashPassword } from "@/lib/password";
import { backgroundRenderTools, renderStoredBody, type BodyRenderTools } from "@/lib/posts/body-html";
import { BODY_RENDERER } from "@/lib/posts/stored-body";
import { setUpFirstRun } from "@/lib/setup";
import { slugify, uniqueSlug } from "@/lib/slug";
import { authorProfiles, postDoc, postTitle, seededRandom, tagNames, Zipf } from "./generate";

const YEAR = 365 * 24 * 60 * 60 * 1000;
const DRAFT_SHARE = 0.015;
const CUSTOM_EXCERPT_SHARE = 0.3;
const CHUNK = 250;
const PARALLEL = Math.max(2, availableParallelism());

/**
 * The renderer's tools, remembering each result: generated posts recombine the same code blocks and
 * images, and a fresh install renders each once too (highlightCode's cache, in the app).
 */
function rememberingTools(tools: BodyRenderTools): BodyRenderTools {
  const highlighted = new Map<string, ReturnType<BodyRenderTools["highlight"]>>();
  const sized = new Map<string, ReturnType<BodyRenderTools["sizeImage"]>>();
  return {
    highlight(code, language) {
      const key = `${language ?? ""}\u0000${code}`;
      let result = highlighted.get(key);
      if (!result) highlighted.set(key, (result = tools.highlight(code, language)));
      return result;
    },
    sizeImage(src) {
      let result = sized.get(src);
      if (!result) sized.set(src, (result = tools.sizeImage(src)));
      return result;
    },
  };
}

/** Same shape as Prisma's cuid ids, so URLs and admin pages look as they would in production. */
function newId(): string {
  return `c${BigInt(`0x${randomBytes(16).toString("hex")}`).toString(36).slice(0, 24).padStart(24, "0")}`;
}

async function uniqueIn(taken: Set<string>, base: string): Promise<string> {
  const slug = await uniqueSlug(base, async (candidate) => taken.has(candidate));
  taken.add(slug);
  return slug;
}

interface Totals {
  posts: number;
  tags: number;
  authors: number;
}

/** Adds generated rows until the database holds `totals`; returns how many posts it inserted. */
async function generate(pool: pg.Pool, totals: Totals, now: number): Promise<{ posts: number; drafts: number }> {
  const random = seededRandom(20261126);
  const existing = {
    users: (await pool.query<{ id: string; slug: string; role: string }>("SELECT id, slug, role FROM users")).rows,
    tags: (await pool.query<{ id: string; slug: string }>("SELECT id, slug FROM tags ORDER BY created_at, slug")).rows,
    postSlugs: (await pool.query<{ slug: string }>("SELECT slug FROM posts")).rows.map((row) => row.slug),
  };

  // Authors: the demo's writers plus generated ones (the owner is staff, not one of the 20).
  const userSlugs = new Set(existing.users.map((user) => user.slug));
  const authorIds = existing.users.filter((user) => user.role !== "OWNER").map((user) => user.id);
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  for (const profile of authorProfiles(totals.authors - authorIds.length, random)) {
    const id = newId();
    const slug = await uniqueIn(userSlugs, slugify(profile.name));
    await pool.query(
      `INSERT INTO users (id, email, name, slug, password_hash, role, bio, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
      [id, `${slug}@example.com`, profile.name, slug, passwordHash, random() < 0.2 ? "EDITOR" : "AUTHOR", profile.bio, new Date(now - 6 * YEAR)],
    );
    authorIds.push(id);
  }

  const tagSlugs = new Set(existing.tags.map((tag) => tag.slug));
  const tagIds = existing.tags.map((tag) => tag.id);
  for (const tag of tagNames(totals.tags, random).slice(existing.tags.length)) {
    const id = newId();
    await pool.query("INSERT INTO tags (id, name, slug, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)", [
      id,
      tag.name,
      await uniqueIn(tagSlugs, slugify(tag.name)),
      tag.description,
      new Date(now - 6 * YEAR),
    ]);
    tagIds.push(id);
  }

  // Popularity follows a power law, as on real blogs: a few core tags and prolific authors, a long tail.
  const tagRank = new Zipf(tagIds.length, 1);
  const authorRank = new Zipf(authorIds.length, 0.8);
  const postSlugs = new Set(existing.postSlugs);
  const count = totals.posts - existing.postSlugs.length;
  let drafts = 0;
  // PostgreSQL's english stemmer (the generated search_vector) dominates the insert; chunks go to one
  // connection per core, and the next chunk is generated here meanwhile.
  const inFlight = new Set<Promise<void>>();
  // Published posts carry their rendered body and table of contents, as a save would store them (they
  // show no images, whose sizing needs Next's server; the demo posts' bodies are stored by the server's
  // job at its first start, lib/posts/body-backfill.ts).
  const tools = rememberingTools(backgroundRenderTools);
  for (let start = 0; start < count; start += CHUNK) {
    const rows = {
      id: [] as string[], title: [] as string[], slug: [] as string[], customExcerpt: [] as (string | null)[],
      excerpt: [] as string[], content: [] as string[], plaintext: [] as string[], wordCount: [] as number[],
      status: [] as string[], publishedAt: [] as (string | null)[], createdAt: [] as string[], updatedAt: [] as string[],
      authorId: [] as string[], bodyHtml: [] as (string | null)[], bodyToc: [] as (string | null)[], bodyHtmlRenderer: [] as (string | null)[],
    };
    const links = { postId: [] as string[], tagId: [] as string[], position: [] as number[] };
    for (let n = start; n < Math.min(count, start + CHUNK); n++) {
      const title = postTitle(random);
      const body = parsePostDoc(postDoc(random));
      const draft = random() < DRAFT_SHARE;
      if (draft) drafts++;
      // Spread over six years, denser recently, as a blog that grew.
      const published = now - YEAR * 6 * random() ** 1.5 - 2 * 24 * 60 * 60 * 1000;
      const created = published - random() * 7 * 24 * 60 * 60 * 1000;
      const updated = draft ? now - random() * 30 * 24 * 60 * 60 * 1000 : published + (random() < 0.3 ? random() * YEAR : 0);
      const customExcerpt = random() < CUSTOM_EXCERPT_SHARE ? deriveExcerpt(null, body.summary.split(/(?<=\.)\s/)[0] ?? "") || null : null;
      const id = newId();
      rows.id.push(id);
      rows.title.push(title);
      rows.slug.push(await uniqueIn(postSlugs, slugify(title)));
      rows.customExcerpt.push(customExcerpt);
      rows.excerpt.push(deriveExcerpt(customExcerpt, body.summary));
      rows.content.push(JSON.stringify(body.doc));
      rows.plaintext.push(body.plaintext);
      rows.wordCount.push(body.wordCount);
      rows.status.push(draft ? "DRAFT" : "PUBLISHED");
      rows.publishedAt.push(draft ? null : new Date(published).toISOString());
      rows.createdAt.push(new Date(draft ? updated : created).toISOString());
      rows.updatedAt.push(new Date(updated).toISOString());
      rows.authorId.push(authorIds[authorRank.sample(random)] ?? authorIds[0]!);
      const stored = draft ? null : await renderStoredBody(body.doc, tools);
      rows.bodyHtml.push(stored?.html ?? null);
      rows.bodyToc.push(stored ? JSON.stringify(stored.toc) : null);
      rows.bodyHtmlRenderer.push(stored ? BODY_RENDERER : null);

      const wanted = [1, 1, 2, 2, 2, 3, 3, 4][Math.floor(random() * 8)] ?? 2;
      const chosen = new Set<string>();
      while (chosen.size < wanted) chosen.add(tagIds[tagRank.sample(random)]!);
      [...chosen].forEach((tagId, position) => {
        links.postId.push(id);
        links.tagId.push(tagId);
        links.position.push(position);
      });
    }
    const insert = insertChunk(pool, rows, links).finally(() => inFlight.delete(insert));
    inFlight.add(insert);
    if (inFlight.size >= PARALLEL) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { posts: count, drafts };
}

async function insertChunk(pool: pg.Pool, rows: Record<string, unknown[]>, links: Record<string, unknown[]>): Promise<void> {
  await pool.query(
    `INSERT INTO posts (id, title, slug, custom_excerpt, excerpt, content, plaintext, word_count, status, published_at, created_at, updated_at, author_id,
                        body_html, body_toc, body_html_renderer)
     SELECT id, title, slug, custom_excerpt, excerpt, content::jsonb, plaintext, word_count, status::"PostStatus", published_at, created_at, updated_at, author_id,
            body_html, body_toc::jsonb, body_html_renderer
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[],
                   $10::timestamp(3)[], $11::timestamp(3)[], $12::timestamp(3)[], $13::text[], $14::text[], $15::text[], $16::text[])
         AS t(id, title, slug, custom_excerpt, excerpt, content, plaintext, word_count, status, published_at, created_at, updated_at, author_id,
              body_html, body_toc, body_html_renderer)`,
    Object.values(rows),
  );
  await pool.query("INSERT INTO post_tags (post_id, tag_id, position) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])", Object.values(links));
}

async function main() {
  const [kind, ...sizes] = process.argv.slice(2);
  if (kind !== "demo" && kind !== "large") throw new Error("Usage: bench/seed.ts demo|large [posts tags authors]");
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  const started = performance.now();
  const setup = await setUpFirstRun({ email: "owner@quire.bench", password: randomBytes(16).toString("base64url") });
  if (setup.kind !== "created") throw new Error("The benchmark database was not empty.");

  const pool = new pg.Pool({ connectionString: url, max: PARALLEL });
  try {
    let generated = { posts: 0, drafts: 0 };
    if (kind === "large") {
      const [posts, tags, authors] = sizes.map(Number);
      if (!posts || !tags || !authors) throw new Error("large needs: posts tags authors");
      // Building the secondary indexes once at the end is several times faster than updating them row
      // by row (the GIN ones above all); they are recreated from their own definitions.
      const { rows: indexes } = await pool.query<{ name: string; definition: string }>(
        `SELECT i.indexname AS name, i.indexdef AS definition
           FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname
          WHERE i.schemaname = 'public' AND i.tablename IN ('posts', 'post_tags')
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)`,
      );
      for (const index of indexes) await pool.query(`DROP INDEX "${index.name}"`);
      generated = await generate(pool, { posts, tags, authors }, Date.now());
      await Promise.all(indexes.map((index) => pool.query(index.definition)));
    }
    // The search vocabulary, as the search migration builds it from what is published.
    await pool.query(`INSERT INTO search_terms (word)
      SELECT word FROM ts_stat($$ SELECT to_tsvector('simple'::regconfig, title || ' ' || plaintext) FROM posts WHERE status = 'PUBLISHED' $$)
      WHERE length(word) BETWEEN 3 AND 40
      ON CONFLICT DO NOTHING`);
    // A running site has every published post's related posts stored (its renders and the
    // backfill-related-posts job store them); without them its server would spend its first minutes
    // ranking them in the background, during the measurements. Ranked over the pool's connections.
    await Promise.all(
      Array.from({ length: PARALLEL }, (_, part) =>
        pool.query(
          `INSERT INTO post_related (post_id, related_ids)
           SELECT p.id, ARRAY(SELECT r.id FROM related_post_ranking(p.id, 3) r ORDER BY r.rank)
           FROM posts p
           WHERE p.status = 'PUBLISHED' AND abs(hashtext(p.id)) % $1 = $2`,
          [PARALLEL, part],
        ),
      ),
    );
    // A site that has been running was vacuumed by autovacuum: its visibility map lets index-only scans
    // skip the heap, and the seed's own updates leave dead rows. Measure that state, not a fresh load's.
    await pool.query("VACUUM (ANALYZE)");
    const counts = await pool.query<{ posts: number; published: number; drafts: number; tags: number; authors: number; terms: number }>(
      `SELECT (SELECT count(*)::int FROM posts) AS posts,
              (SELECT count(*)::int FROM posts WHERE status = 'PUBLISHED') AS published,
              (SELECT count(*)::int FROM posts WHERE status = 'DRAFT') AS drafts,
              (SELECT count(*)::int FROM tags) AS tags,
              (SELECT count(*)::int FROM users WHERE role <> 'OWNER') AS authors,
              (SELECT count(*)::int FROM search_terms) AS terms`,
    );
    console.log(JSON.stringify({ ...counts.rows[0], generatedPosts: generated.posts, seconds: (performance.now() - started) / 1000 }));
  } finally {
    await pool.end();
  }
  // lib/db's pool keeps the event loop alive.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
