import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parsePostDoc } from "@/lib/editor/doc";
import { demoAuthors, demoPosts, demoSite, demoTags } from "@/prisma/demo/content";
import { applyMigrations } from "@/scripts/db/migrate";
import { createThrowawayDatabase, type ThrowawayDatabase } from "@/scripts/db/test-database";

// setUpFirstRun needs a database without users, which the shared test database never is (npm test
// seeds it), so this file brings its own and truncates it before each test.

type SetupModule = typeof import("@/lib/setup");
type UsersModule = typeof import("@/lib/users");
type Db = (typeof import("@/lib/db"))["db"];

let scratch: ThrowawayDatabase | undefined;
let setUpFirstRun: SetupModule["setUpFirstRun"];
let verifyCredentials: UsersModule["verifyCredentials"];
let db: Db;

/**
 * Imports the modules under test bound to `url`. lib/db.ts reads DATABASE_URL once, at import, and
 * parks its client on globalThis, so both are swapped for the import and put back straight after:
 * anything else in this worker keeps the shared database.
 */
async function importBoundTo(url: string) {
  const holder = globalThis as { prisma?: unknown };
  const saved = { url: process.env.DATABASE_URL, prisma: holder.prisma };
  process.env.DATABASE_URL = url;
  delete holder.prisma;
  vi.resetModules();
  try {
    const [setup, users, client] = await Promise.all([import("@/lib/setup"), import("@/lib/users"), import("@/lib/db")]);
    return { setUpFirstRun: setup.setUpFirstRun, verifyCredentials: users.verifyCredentials, db: client.db };
  } finally {
    process.env.DATABASE_URL = saved.url;
    if (saved.prisma === undefined) delete holder.prisma;
    else holder.prisma = saved.prisma;
  }
}

beforeAll(async () => {
  scratch = await createThrowawayDatabase("quire_test_setup");
  await applyMigrations(scratch.url);
  ({ setUpFirstRun, verifyCredentials, db } = await importBoundTo(scratch.url));
});

afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

beforeEach(async () => {
  // Every table the migrations made, so a new table cannot leave rows (or a foreign key) behind.
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
  );
  await db.$executeRawUnsafe(`TRUNCATE ${tables.map((table) => table.name).join(", ")}`);
});

async function counts() {
  const [users, posts, tags, postTags, sites] = await Promise.all([
    db.user.count(),
    db.post.count(),
    db.tag.count(),
    db.postTag.count(),
    db.site.count(),
  ]);
  return { users, posts, tags, postTags, sites };
}

/** Every row setUpFirstRun may write, for "nothing changed" comparisons. */
async function everything() {
  const [users, posts, tags, postTags, sites] = await Promise.all([
    db.user.findMany({ orderBy: { id: "asc" } }),
    db.post.findMany({ orderBy: { id: "asc" } }),
    db.tag.findMany({ orderBy: { id: "asc" } }),
    db.postTag.findMany({ orderBy: [{ postId: "asc" }, { tagId: "asc" }] }),
    db.site.findMany(),
  ]);
  return { users, posts, tags, postTags, sites };
}

const PASSWORD = "correct horse battery staple";

describe("setUpFirstRun on an empty database", () => {
  it("creates the owner with a lower-cased email and a password that verifies", async () => {
    const result = await setUpFirstRun({ email: "  Owner@Quire.TEST ", password: PASSWORD });

    expect(result).toEqual({ kind: "created", ownerEmail: "owner@quire.test", generatedPassword: null, demoPosts: demoPosts.length });
    const owners = await db.user.findMany({ where: { role: "OWNER" } });
    expect(owners).toHaveLength(1);
    expect(owners[0]).toMatchObject({ email: "owner@quire.test" });
    expect(owners[0]!.passwordHash).not.toContain(PASSWORD);
    expect(await verifyCredentials("owner@quire.test", PASSWORD)).toMatchObject({ id: owners[0]!.id });
    expect(await verifyCredentials("owner@quire.test", `${PASSWORD}!`)).toBeNull();
  });

  it("seeds the site, the two demo authors, the demo tags and 13 posts (12 published in the past, 1 draft)", async () => {
    const now = new Date();
    await setUpFirstRun({ email: "owner@quire.test", password: PASSWORD }, now);

    expect(await db.site.findUnique({ where: { id: 1 } })).toMatchObject(demoSite);

    const staff = await db.user.findMany({ where: { role: { not: "OWNER" } }, orderBy: { email: "asc" } });
    expect(staff).toHaveLength(2);
    expect(staff.map(({ email, slug, role }) => ({ email, slug, role }))).toEqual(
      [...demoAuthors].sort((a, b) => a.email.localeCompare(b.email)).map(({ email, slug, role }) => ({ email, slug, role })),
    );

    const tags = await db.tag.findMany({ orderBy: { slug: "asc" } });
    expect(tags.map(({ slug, name }) => ({ slug, name }))).toEqual(
      [...demoTags].sort((a, b) => a.slug.localeCompare(b.slug)).map(({ slug, name }) => ({ slug, name })),
    );

    const posts = await db.post.findMany({ include: { tags: { orderBy: { position: "asc" }, include: { tag: true } } } });
    expect(posts).toHaveLength(13);
    const published = posts.filter((post) => post.status === "PUBLISHED");
    const drafts = posts.filter((post) => post.status === "DRAFT");
    expect(published).toHaveLength(12);
    expect(drafts).toHaveLength(1);
    for (const post of published) expect(post.publishedAt!.getTime()).toBeLessThan(now.getTime());
    expect(drafts[0]!.publishedAt).toBeNull();

    for (const post of posts) {
      const body = parsePostDoc(post.content);
      expect(post.content, post.slug).toEqual(body.doc);
      expect(post.plaintext, post.slug).toBe(body.plaintext);
      expect(post.wordCount, post.slug).toBe(body.wordCount);
      expect(post.wordCount, post.slug).toBeGreaterThan(0);
      expect(post.excerpt.length, post.slug).toBeGreaterThan(0);
      const demo = demoPosts.find((candidate) => candidate.slug === post.slug);
      expect(demo, post.slug).toBeDefined();
      expect(post.tags.map((link) => link.tag.slug), post.slug).toEqual(demo!.tagSlugs);
      if (demo!.customExcerpt) expect(post.excerpt, post.slug).toBe(demo!.customExcerpt);
    }
  });

  it("generates a password that verifies when none is given", async () => {
    const result = await setUpFirstRun({ email: "generated@quire.test" });

    expect(result.kind).toBe("created");
    const password = result.kind === "created" ? result.generatedPassword : null;
    expect(password).toEqual(expect.any(String));
    expect(password!.length).toBeGreaterThanOrEqual(16);
    expect(await verifyCredentials("generated@quire.test", password!)).not.toBeNull();
  });

  it("returns { kind: 'existing' } the second time and changes nothing", async () => {
    await setUpFirstRun({ email: "owner@quire.test", password: PASSWORD });
    const before = await everything();

    expect(await setUpFirstRun({ email: "second@quire.test", password: "another password" })).toEqual({ kind: "existing" });
    expect(await setUpFirstRun({})).toEqual({ kind: "existing" });

    expect(await everything()).toEqual(before);
    expect(await verifyCredentials("second@quire.test", "another password")).toBeNull();
    expect(await verifyCredentials("owner@quire.test", PASSWORD)).not.toBeNull();
  });

  it("sets up even when the owner's email gives the same profile slug as a demo author", async () => {
    const author = demoAuthors[0]!;
    const email = `${author.slug.replace("-", ".")}@company.test`;

    const result = await setUpFirstRun({ email, password: PASSWORD });

    expect(result).toMatchObject({ kind: "created", ownerEmail: email });
    expect(await verifyCredentials(email, PASSWORD)).not.toBeNull();
    expect(await db.post.count()).toBe(demoPosts.length);
  });
});

describe("setUpFirstRun on a database that is not empty", () => {
  it("does nothing when there are users", async () => {
    await db.user.create({ data: { email: "someone@quire.test", name: "Someone", slug: "someone", passwordHash: "x", role: "AUTHOR" } });
    const before = await everything();

    expect(await setUpFirstRun({ email: "owner@quire.test", password: PASSWORD })).toEqual({ kind: "existing" });

    expect(await everything()).toEqual(before);
    expect(await counts()).toEqual({ users: 1, posts: 0, tags: 0, postTags: 0, sites: 0 });
  });

  it("creates only the owner, and no demo content, when there are tags but no users", async () => {
    await db.tag.create({ data: { name: "Kept", slug: "kept" } });

    const result = await setUpFirstRun({ email: "owner@quire.test", password: PASSWORD });

    expect(result).toEqual({ kind: "created", ownerEmail: "owner@quire.test", generatedPassword: null, demoPosts: 0 });
    expect(await counts()).toEqual({ users: 1, posts: 0, tags: 1, postTags: 0, sites: 0 });
    expect(await db.user.findFirst()).toMatchObject({ email: "owner@quire.test", role: "OWNER" });
    expect(await verifyCredentials("owner@quire.test", PASSWORD)).not.toBeNull();
  });

  it("creates only the owner, and no demo content, when there are posts but no users", async () => {
    // A post needs an author, so this state arises only when users are removed behind the app's back
    // (a partial import, say). Foreign keys are suspended for this session to build it.
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await tx.$executeRawUnsafe(
        `INSERT INTO posts (id, title, slug, content, author_id, updated_at) VALUES ('orphan', 'Orphan', 'orphan', '{"type":"doc","content":[{"type":"paragraph"}]}', 'gone', now())`,
      );
    });

    const result = await setUpFirstRun({ email: "owner@quire.test", password: PASSWORD });

    expect(result).toMatchObject({ kind: "created", demoPosts: 0 });
    expect(await counts()).toEqual({ users: 1, posts: 1, tags: 0, postTags: 0, sites: 0 });
  });
});
