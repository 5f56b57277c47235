import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createDraft, savePost } from "@/lib/posts";
import { getPostPage } from "@/lib/posts/post-page";
import { backfillRelatedPosts, getAdjacentPosts, listRelatedPosts } from "@/lib/related-posts";
import type { SessionUser } from "@/lib/users";
import { createStaff, docJson, postInput, removeCreatedData, runId, waitFor } from "@/tests/integration/fixtures";

let editor: SessionUser;

// A window of time no other data uses, so the neighbours asserted here are this run's own posts.
const base = Date.UTC(1900 + (Number.parseInt(runId, 16) % 90), 0, 1);
const at = (hours: number) => new Date(base + hours * 3_600_000);

interface Made {
  id: string;
  slug: string;
  title: string;
}

/** A post saved through savePost (so tags resolve as in the app), then given its status and publish time. */
async function post(title: string, { tags = [] as string[], status = "PUBLISHED" as "PUBLISHED" | "DRAFT", publishedAt = at(0) } = {}): Promise<Made> {
  const { id } = await createDraft(editor);
  const { post: saved } = await savePost(
    editor,
    postInput({ id, version: 1, title, tags, content: docJson(`Body of ${title}.`) }),
    status === "PUBLISHED" ? "publish" : "save",
  );
  // Drafts keep a publish time after being unpublished; the reads must still leave them out.
  await db.post.update({ where: { id }, data: { publishedAt } });
  return { id, slug: saved.slug, title };
}

const tag = (name: string) => `${name} ${runId}`;

beforeAll(async () => {
  editor = await createStaff("EDITOR");
});

afterAll(async () => {
  await removeCreatedData();
});

describe("getAdjacentPosts", () => {
  let first: Made, second: Made, draft: Made, third: Made, sameTimeA: Made, sameTimeB: Made;

  beforeAll(async () => {
    first = await post(`Adjacent first ${runId}`, { publishedAt: at(1) });
    second = await post(`Adjacent second ${runId}`, { publishedAt: at(2) });
    draft = await post(`Adjacent draft ${runId}`, { status: "DRAFT", publishedAt: at(2.5) });
    third = await post(`Adjacent third ${runId}`, { publishedAt: at(3) });
    // Two posts published in the same millisecond: ordered by id, as the lists order them.
    [sameTimeA, sameTimeB] = [await post(`Same time a ${runId}`, { publishedAt: at(4) }), await post(`Same time b ${runId}`, { publishedAt: at(4) })].sort((a, b) =>
      a.id < b.id ? -1 : 1,
    ) as [Made, Made];
  });

  it("links the older post as previous and the newer one as next", async () => {
    const { previous, next } = await getAdjacentPosts(second);
    expect(previous).toEqual({ title: first.title, slug: first.slug, publishedAt: at(1) });
    expect(next).toEqual({ title: third.title, slug: third.slug, publishedAt: at(3) });
  });

  it("skips drafts, even ones that were published once", async () => {
    expect((await getAdjacentPosts(third)).previous?.slug).toBe(second.slug);
    expect((await getAdjacentPosts(second)).next?.slug).not.toBe(draft.slug);
  });

  it("orders posts published at the same time by id, without skipping or repeating either", async () => {
    expect((await getAdjacentPosts(third)).next?.slug).toBe(sameTimeA.slug);
    expect((await getAdjacentPosts(sameTimeA)).next?.slug).toBe(sameTimeB.slug);
    expect((await getAdjacentPosts(sameTimeB)).previous?.slug).toBe(sameTimeA.slug);
    expect((await getAdjacentPosts(sameTimeA)).previous?.slug).toBe(third.slug);
  });

  it("gives a draft no neighbours", async () => {
    expect(await getAdjacentPosts(draft)).toEqual({ previous: null, next: null });
    expect(await getAdjacentPosts({ id: "no-such-post", slug: "no-such-post" })).toEqual({ previous: null, next: null });
  });
});

describe("listRelatedPosts", () => {
  let subject: Made, bothTags: Made, oneTag: Made, similarTitle: Made, unrelated: Made, draftBothTags: Made, olderOneTag: Made;

  beforeAll(async () => {
    const [vacuum, postgres] = [tag("Vacuum"), tag("Postgres")];
    subject = await post(`Tuning autovacuum for busy tables ${runId}`, { tags: [vacuum, postgres], publishedAt: at(100) });
    bothTags = await post(`Migrating a ledger ${runId}`, { tags: [postgres, vacuum], publishedAt: at(90) });
    oneTag = await post(`Indexes on JSON columns ${runId}`, { tags: [postgres], publishedAt: at(95) });
    olderOneTag = await post(`Logical replication slots ${runId}`, { tags: [vacuum], publishedAt: at(80) });
    similarTitle = await post(`Tuning autovacuum for busy queues ${runId}`, { publishedAt: at(50) });
    unrelated = await post(`Bread baking at altitude ${runId}`, { tags: [tag("Baking")], publishedAt: at(99) });
    draftBothTags = await post(`Draft about vacuum and tables ${runId}`, { tags: [vacuum, postgres], status: "DRAFT", publishedAt: at(101) });
  });

  it("ranks by shared tags first, newer first among equals, and leaves unrelated posts out", async () => {
    const related = await listRelatedPosts({ ...subject, tagSlugs: [] }, 10);
    const slugs = related.map((item) => item.slug);
    expect(slugs.slice(0, 3)).toEqual([bothTags.slug, oneTag.slug, olderOneTag.slug]);
    expect(slugs).not.toContain(unrelated.slug);
    expect(slugs).not.toContain(subject.slug);
  });

  it("finds a post with a similar title and no shared tag, after the posts that share tags", async () => {
    const slugs = (await listRelatedPosts({ ...subject, tagSlugs: [] }, 10)).map((item) => item.slug);
    expect(slugs).toContain(similarTitle.slug);
    expect(slugs.indexOf(similarTitle.slug)).toBeGreaterThan(slugs.indexOf(olderOneTag.slug));
  });

  it("lets title similarity decide between posts that share as many tags", async () => {
    const alike = await post(`Tuning autovacuum for busy indexes ${runId}`, { tags: [tag("Postgres")], publishedAt: at(60) });
    const slugs = (await listRelatedPosts({ ...subject, tagSlugs: [] }, 10)).map((item) => item.slug);
    // Same single shared tag as oneTag and olderOneTag, and older than both, but its title is close.
    expect(slugs.slice(0, 2)).toEqual([bothTags.slug, alike.slug]);
    await db.post.delete({ where: { id: alike.id } });
  });

  it("never lists drafts", async () => {
    const slugs = (await listRelatedPosts({ ...subject, tagSlugs: [] }, 50)).map((item) => item.slug);
    expect(slugs).not.toContain(draftBothTags.slug);
  });

  it("returns at most three by default, with what a card shows", async () => {
    const related = await listRelatedPosts({ ...subject, tagSlugs: [] });
    expect(related).toHaveLength(3);
    expect(related[0]).toEqual({
      title: bothTags.title,
      slug: bothTags.slug,
      excerpt: `Body of ${bothTags.title}.`,
      publishedAt: at(90),
      readingMinutes: 1,
    });
  });

  it("is empty for drafts and unknown posts", async () => {
    expect(await listRelatedPosts({ ...draftBothTags, tagSlugs: [] })).toEqual([]);
    expect(await listRelatedPosts({ id: "no-such-post", slug: "no-such-post", tagSlugs: [] })).toEqual([]);
  });

  it("is empty for a post with no tags and no similar title", async () => {
    const lonely = await post(`Qwyjibo ${runId} xylograph`, { publishedAt: at(200) });
    expect(await listRelatedPosts({ ...lonely, tagSlugs: [] })).toEqual([]);
  });
});

describe("listRelatedPosts among many posts sharing as many tags", () => {
  let subject: Made, both: Made, similar: Made, draft: Made, single: Made[];

  beforeAll(async () => {
    const [kiln, glaze] = [tag("Kiln"), tag("Glaze")];
    subject = await post(`Firing stoneware in an electric kiln ${runId}`, { tags: [kiln, glaze], publishedAt: at(300) });
    both = await post(`Mixing a celadon from scratch ${runId}`, { tags: [glaze, kiln], publishedAt: at(205) });
    // The oldest of all, sharing one tag, with a title close to the subject's.
    similar = await post(`Firing stoneware in a gas kiln ${runId}`, { tags: [glaze], publishedAt: at(200) });
    single = [];
    for (const [n, title] of ["Cone packs explained", "Wedging clay by hand", "Trimming feet on the wheel", "Bisque schedules for beginners", "Repairing cracked shelves"].entries()) {
      single.push(await post(`${title} ${runId}`, { tags: [kiln], publishedAt: at(210 + n) }));
    }
    draft = await post(`Unfinished notes on reduction ${runId}`, { tags: [kiln], status: "DRAFT", publishedAt: at(299) });
  });

  const slugsOf = async (limit?: number) => (await listRelatedPosts({ ...subject, tagSlugs: [] }, limit)).map((item) => item.slug);

  it("takes the posts sharing more tags, then the similar title, then the newest of the rest", async () => {
    expect(await slugsOf()).toEqual([both.slug, similar.slug, single[4]!.slug]);
    expect(await slugsOf(5)).toEqual([both.slug, similar.slug, single[4]!.slug, single[3]!.slug, single[2]!.slug]);
    expect(await slugsOf(50)).not.toContain(draft.slug);
  });

  it("follows publishing, unpublishing and a moved date", async () => {
    await db.post.update({ where: { id: single[4]!.id }, data: { status: "DRAFT" } });
    expect(await slugsOf()).toEqual([both.slug, similar.slug, single[3]!.slug]);
    await db.post.update({ where: { id: single[0]!.id }, data: { publishedAt: at(250) } });
    expect(await slugsOf()).toEqual([both.slug, similar.slug, single[0]!.slug]);
    await db.post.update({ where: { id: single[4]!.id }, data: { status: "PUBLISHED" } });
    await db.post.update({ where: { id: draft.id }, data: { status: "PUBLISHED" } });
    expect(await slugsOf(4)).toEqual([both.slug, similar.slug, draft.slug, single[0]!.slug]);
    await db.post.update({ where: { id: draft.id }, data: { status: "DRAFT" } });
  });
});

describe("stored related posts (post_related)", () => {
  let subject: Made, posts: Made[], lonely: Made;
  let topic: string;

  const storedIds = async (id: string) =>
    (await db.$queryRaw<{ related_ids: string[] }[]>`SELECT related_ids FROM post_related WHERE post_id = ${id}`)[0]?.related_ids ?? null;
  const slugsOf = async (made: Made) => (await listRelatedPosts({ ...made, tagSlugs: [] })).map((item) => item.slug);
  /** What ranking afresh gives, storing nothing: the page's list must always equal it. */
  const rankedNow = async (made: Made) => (await listRelatedPosts({ ...made, tagSlugs: [] }, 4)).slice(0, 3).map((item) => item.slug);

  beforeAll(async () => {
    topic = tag("Harbour");
    subject = await post(`Charting tides and currents along rocky northern coastlines ${runId}`, { tags: [topic], publishedAt: at(400) });
    posts = [];
    for (const [n, title] of [
      "Mooring lines, cleats and chafe protection for small keelboats",
      "Bilge pumps: choosing, wiring and testing an automatic float switch",
      "Sail repair with a palm, needle and waxed polyester thread",
      "Anchor chains, swivels and the catenary that keeps a boat put",
    ].entries()) {
      posts.push(await post(`${title} ${runId}`, { tags: [topic], publishedAt: at(390 - n * 10) }));
    }
    lonely = await post(`Quokka xylophone harmonicas ${runId}`, { publishedAt: at(500) });
  });

  it("stores the list the page shows, and the page reads the stored list", async () => {
    expect(await slugsOf(subject)).toEqual(posts.slice(0, 3).map((made) => made.slug));
    expect(await storedIds(subject.id)).toEqual(posts.slice(0, 3).map((made) => made.id));
    // A list stored by hand is what the page shows: it does not rank again.
    await db.$executeRaw`UPDATE post_related SET related_ids = ARRAY[${posts[3]!.id}] WHERE post_id = ${subject.id}`;
    expect(await slugsOf(subject)).toEqual([posts[3]!.slug]);
    await db.$executeRaw`DELETE FROM post_related WHERE post_id = ${subject.id}`;
  });

  /** The page's list, checked against ranking afresh: a stale stored list differs from it. */
  const current = async (made: Made) => {
    const shown = await slugsOf(made);
    expect(shown).toEqual(await rankedNow(made));
    return shown;
  };

  it("follows unpublishing, publishing, deleting, a moved date and a new title", async () => {
    expect(await current(subject)).toContain(posts[0]!.slug);
    await db.post.update({ where: { id: posts[0]!.id }, data: { status: "DRAFT" } });
    expect(await current(subject)).not.toContain(posts[0]!.slug);
    await db.post.update({ where: { id: posts[0]!.id }, data: { status: "PUBLISHED" } });
    expect(await current(subject)).toContain(posts[0]!.slug);

    const newer = await post(`Reading a chart plotter in fog without trusting it blindly ${runId}`, { tags: [topic], publishedAt: at(399) });
    expect(await current(subject)).toContain(newer.slug);
    await db.post.delete({ where: { id: newer.id } });
    expect(await current(subject)).not.toContain(newer.slug);

    expect(await current(subject)).not.toContain(posts[3]!.slug);
    await db.post.update({ where: { id: posts[3]!.id }, data: { publishedAt: at(395) } });
    expect(await current(subject)).toContain(posts[3]!.slug);
    await db.post.update({ where: { id: posts[3]!.id }, data: { publishedAt: at(360) } });
    expect(await current(subject)).not.toContain(posts[3]!.slug);

    // A title close to the subject's ranks a post first among those sharing as many tags.
    await db.post.update({ where: { id: posts[3]!.id }, data: { title: `Charting tides and currents along rocky northern shores ${runId}` } });
    expect((await current(subject))[0]).toBe(posts[3]!.slug);
    await db.post.update({ where: { id: posts[3]!.id }, data: { title: `Anchor chains, swivels and the catenary that keeps a boat put ${runId}` } });
    expect(await current(subject)).not.toContain(posts[3]!.slug);
  });

  it("follows tags taken off and put on a post, and a deleted tag", async () => {
    expect(await current(subject)).toContain(posts[0]!.slug);
    const topicId = (await db.tag.findFirstOrThrow({ where: { name: topic }, select: { id: true } })).id;
    await db.postTag.deleteMany({ where: { postId: posts[0]!.id } });
    expect(await current(subject)).not.toContain(posts[0]!.slug);
    await db.postTag.create({ data: { postId: posts[0]!.id, tagId: topicId, position: 0 } });
    expect(await current(subject)).toContain(posts[0]!.slug);
    await db.tag.delete({ where: { id: topicId } });
    expect(await current(subject)).not.toContain(posts[0]!.slug);
    expect(await current(posts[1]!)).not.toContain(posts[2]!.slug);
  });

  it("follows a post published with a similar title and no shared tag", async () => {
    await current(lonely);
    const alike = await post(`Quokka xylophone harmonicas tuned ${runId}`, { publishedAt: at(450) });
    expect(await current(lonely)).toContain(alike.slug);
  });

  it("backfills the lists of published posts that have none, and only those", async () => {
    await db.$executeRaw`DELETE FROM post_related`;
    const draft = await post(`Unfinished passage plan ${runId}`, { tags: [tag("Rigging")], status: "DRAFT" });
    let stored = 0;
    for (let batch = await backfillRelatedPosts(); batch > 0; batch = await backfillRelatedPosts()) stored += batch;
    const published = (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM posts WHERE status = 'PUBLISHED'`)[0]!.n;
    expect(stored).toBe(published);
    expect(await storedIds(draft.id)).toBeNull();
    const expected = (await listRelatedPosts({ ...lonely, tagSlugs: [] }, 4)).slice(0, 3);
    const ids = await storedIds(lonely.id);
    expect(ids).toHaveLength(expected.length);
    expect(await slugsOf(lonely)).toEqual(expected.map((item) => item.slug));
  });

  it("stores no list for a draft", async () => {
    const draft = await post(`Unsent log entry ${runId}`, { status: "DRAFT" });
    expect(await slugsOf(draft)).toEqual([]);
    expect(await storedIds(draft.id)).toBeNull();
  });

  it("never stores a list ranked from rows a write is changing", async () => {
    const target = await post(`Knots for dinghies ${runId}`, { tags: [tag("Rigging")], publishedAt: at(600) });
    const listed = await post(`Splicing rope ${runId}`, { tags: [tag("Rigging")], publishedAt: at(590) });
    expect(await slugsOf(target)).toEqual([listed.slug]);
    await db.$executeRaw`DELETE FROM post_related WHERE post_id = ${target.id}`;

    // A write under way (its triggers ran, it has not committed) while the page ranks and stores the list.
    const writer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await writer.connect();
    try {
      await writer.query("BEGIN");
      await writer.query("UPDATE posts SET status = 'DRAFT' WHERE id = $1", [listed.id]);
      const reading = slugsOf(target);
      // The ranking waits for the writer: seen as a waiting advisory lock.
      await waitFor(
        async () => (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)[0]!.n,
        (n) => n > 0,
      );
      await writer.query("COMMIT");
      expect(await reading).toEqual([]);
    } finally {
      await writer.end();
    }
    expect(await slugsOf(target)).toEqual([]);
    expect(await storedIds(target.id)).toEqual([]);
  });
});

describe("getPostPage", () => {
  it("returns the post with its neighbours and related posts, and null for a draft", async () => {
    const topic = tag("Pottery");
    const older = await post(`Throwing porcelain bowls on a kick wheel without a bat ${runId}`, { tags: [topic], publishedAt: at(700) });
    const page = await post(`Glazing stoneware bowls with ash glazes from the woodstove ${runId}`, { tags: [topic], publishedAt: at(701) });
    const draft = await post(`Kiln log ${runId}`, { tags: [topic], status: "DRAFT", publishedAt: at(702) });
    const data = await getPostPage(page.slug);
    expect(data?.post.id).toBe(page.id);
    expect(data?.adjacent.previous?.slug).toBe(older.slug);
    expect(data?.related.map((item) => item.slug)).toContain(older.slug);
    expect(await getPostPage(draft.slug)).toBeNull();
  });

  it("reads the neighbours and related posts getAdjacentPosts and listRelatedPosts read, ranking and storing a list it finds none of", async () => {
    const topic = tag("Weaving");
    const older = await post(`Warping a floor loom for a twill blanket ${runId}`, { tags: [topic], publishedAt: at(710) });
    const page = await post(`Sleying the reed of a floor loom for a twill scarf ${runId}`, { tags: [topic], publishedAt: at(711) });
    const newer = await post(`Finishing a twill blanket woven on a floor loom ${runId}`, { tags: [topic], publishedAt: at(712) });
    await db.$executeRaw`DELETE FROM post_related WHERE post_id = ${page.id}`;
    const data = await getPostPage(page.slug);
    expect(data?.adjacent).toEqual(await getAdjacentPosts(page));
    expect(data?.adjacent.previous?.slug).toBe(older.slug);
    expect(data?.adjacent.next?.slug).toBe(newer.slug);
    expect(data?.related).toEqual(await listRelatedPosts({ ...page, tagSlugs: [] }));
    expect(data?.related.map((item) => item.slug)).toEqual(expect.arrayContaining([older.slug, newer.slug]));
    const [stored] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM post_related WHERE post_id = ${page.id}`;
    expect(stored!.n).toBe(1);
    // Read again, now from the stored list.
    expect((await getPostPage(page.slug))?.related).toEqual(data?.related);
  });

  it("keeps its statement prepared: a connection plans it on its first runs, then reuses one plan", async () => {
    const page = await post(`Reading a kiln's cone pack after a reduction firing ${runId}`, { publishedAt: at(720) });
    for (let run = 0; run < 8; run++) expect((await getPostPage(page.slug))?.post.id).toBe(page.id);
    // One query after another get the same pooled connection (pg-pool hands out the idle one released last).
    const statements = await db.$queryRaw<{ name: string; generic_plans: number; custom_plans: number }[]>`
      SELECT name, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE starts_with(name, 'post_page_')`;
    expect(statements).toHaveLength(1);
    expect(statements[0]!.generic_plans + statements[0]!.custom_plans).toBeGreaterThanOrEqual(8);
    expect(statements[0]!.generic_plans).toBeGreaterThan(0);
  });
});
