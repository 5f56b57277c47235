/**
 * Site settings against a real database: reads and writes through lib/site.ts, the permission check at
 * the data layer, the settings action called directly by each role (only the session is stubbed), the
 * tags it invalidates, and the lists paging by the setting.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { updateSiteSettingsAction } from "@/app/(admin)/admin/settings/actions";
import { db } from "@/lib/db";
import { listPublishedPosts } from "@/lib/posts";
import { getSiteSettings, getSiteSettingsForAdmin, getSiteTimezone, updateSiteSettings } from "@/lib/site";
import type { SessionUser } from "@/lib/users";
import { UpdateSiteSettingsInput, type SiteSettingsFormValues } from "@/lib/validations/settings";
import { createStaff, createStaffSet, expectDomainError, removeCreatedData, runId } from "@/tests/integration/fixtures";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
const cache = vi.hoisted(() => ({ updatedTags: [] as string[] }));

vi.mock("@/lib/auth", async () => {
  const { DomainError } = await import("@/lib/errors");
  return {
    getSessionUser: async () => session.user,
    requireActionUser: async () => {
      if (!session.user) throw new DomainError("UNAUTHENTICATED", "Your session has ended.");
      return session.user;
    },
  };
});

vi.mock("next/cache", () => ({
  cacheTag: () => undefined,
  cacheLife: () => undefined,
  updateTag: (tag: string) => void cache.updatedTags.push(tag),
  revalidateTag: () => undefined,
}));

const mediaKey = `${runId.padEnd(24, "0").slice(0, 24)}.png`;

const form = (fields: Partial<SiteSettingsFormValues> = {}): SiteSettingsFormValues => ({
  title: `Settings test ${runId}`,
  description: "Written by the settings integration test.",
  logo: "",
  icon: "",
  defaultSocialImage: "",
  accentColor: "#0f766e",
  navigation: [{ label: "About", url: "/about" }],
  secondaryNavigation: [{ label: "Mail", url: "hello@example.com" }],
  social: { x: "@quire_test", mastodon: "@ada@hachyderm.io", github: "", linkedin: "", bluesky: "ada.bsky.social" },
  timezone: "Europe/Berlin",
  postsPerPage: "10",
  codeInjectionHead: "<script>window.quire = 1 < 2</script>",
  codeInjectionFoot: "<p>Footer</p>",
  ...fields,
});

let original: Awaited<ReturnType<typeof db.site.findUnique>>;
let admin: SessionUser;
let owner: SessionUser;
let lesser: SessionUser[];

beforeAll(async () => {
  original = await db.site.findUnique({ where: { id: 1 } });
  const set = await createStaffSet();
  lesser = [set.editor, set.author, set.contributor];
  [admin, owner] = await Promise.all([createStaff("ADMIN"), createStaff("OWNER").catch(() => createStaff("ADMIN"))]);
  await db.media.create({ data: { key: mediaKey, originalName: "icon.png", mimeType: "image/png", bytes: 100, width: 512, height: 512, variants: [] } });
});

afterAll(async () => {
  if (original) {
    const rest: Partial<typeof original> = { ...original };
    delete rest.id;
    delete rest.updatedAt;
    await db.site.update({
      where: { id: 1 },
      data: { ...rest, navigation: original.navigation ?? [], secondaryNavigation: original.secondaryNavigation ?? [], social: original.social ?? {} },
    });
  } else {
    await db.site.deleteMany({ where: { id: 1 } });
  }
  await db.media.deleteMany({ where: { key: mediaKey } });
  await removeCreatedData();
});

beforeEach(() => {
  cache.updatedTags.length = 0;
  session.user = null;
});

describe("updateSiteSettings and the reads", () => {
  it("stores every setting in canonical form and reader reads return them", async () => {
    await updateSiteSettings(admin, UpdateSiteSettingsInput.parse(form({ icon: `/media/${mediaKey}` })));
    const site = await getSiteSettings();
    expect(site).toMatchObject({
      title: `Settings test ${runId}`,
      icon: `/media/${mediaKey}`,
      accentColor: "#0f766e",
      navigation: [{ label: "About", url: "/about" }],
      secondaryNavigation: [{ label: "Mail", url: "mailto:hello@example.com" }],
      social: { x: "quire_test", mastodon: "https://hachyderm.io/@ada", bluesky: "ada.bsky.social" },
      timezone: "Europe/Berlin",
      postsPerPage: 10,
      codeInjectionHead: "<script>window.quire = 1 < 2</script>",
    });
    expect(site).not.toHaveProperty("storedTimezone");
    expect(await getSiteTimezone()).toBe("Europe/Berlin");
    expect((await getSiteSettingsForAdmin(admin)).storedTimezone).toBe("Europe/Berlin");
  });

  it("refuses an image that is not in the media library", async () => {
    await expectDomainError(updateSiteSettings(admin, UpdateSiteSettingsInput.parse(form({ logo: "/media/ffffffffffffffffffffffff.png" }))), "INVALID_INPUT");
  });

  it("is for administrators and the owner only, at the data layer", async () => {
    for (const actor of lesser) {
      await expectDomainError(getSiteSettingsForAdmin(actor), "FORBIDDEN");
      await expectDomainError(updateSiteSettings(actor, UpdateSiteSettingsInput.parse(form({ title: "Not allowed" }))), "FORBIDDEN");
    }
    expect((await getSiteSettings()).title).not.toBe("Not allowed");
    await expect(getSiteSettingsForAdmin(owner)).resolves.toMatchObject({ title: expect.any(String) });
  });

  it("falls back to SITE_TIMEZONE while no zone is stored", async () => {
    await db.site.update({ where: { id: 1 }, data: { timezone: null } });
    vi.stubEnv("SITE_TIMEZONE", "Asia/Tokyo");
    try {
      expect(await getSiteTimezone()).toBe("Asia/Tokyo");
      expect((await getSiteSettingsForAdmin(admin)).storedTimezone).toBeNull();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("pages the home list by posts per page", async () => {
    for (let i = 0; i < 4; i++) {
      await db.post.create({
        data: { title: `Paging ${i} ${runId}`, slug: `paging-${i}-${runId}`, content: {}, status: "PUBLISHED", publishedAt: new Date(), authorId: admin.id },
      });
    }
    await updateSiteSettings(admin, UpdateSiteSettingsInput.parse(form({ postsPerPage: "3" })));
    const page = await listPublishedPosts(1);
    expect(page.posts).toHaveLength(3);
    const total = await db.post.count({ where: { status: "PUBLISHED", publishedAt: { lte: new Date() } } });
    expect(page.totalPages).toBe(Math.ceil(total / 3));
    await updateSiteSettings(admin, UpdateSiteSettingsInput.parse(form({ postsPerPage: "10" })));
    expect((await listPublishedPosts(1)).posts).toHaveLength(Math.min(10, total));
    await db.post.deleteMany({ where: { slug: { contains: runId } } });
  });
});

describe("updateSiteSettingsAction", () => {
  it("refuses editors, authors and contributors, whatever they send, and changes nothing", async () => {
    const before = await db.site.findUnique({ where: { id: 1 } });
    for (const actor of lesser) {
      session.user = actor;
      expect(await updateSiteSettingsAction(form({ title: "Taken over", codeInjectionHead: "<script>alert(1)</script>" }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
      // Invalid input gets the same answer: validation messages are for administrators.
      expect(await updateSiteSettingsAction({ title: "" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await db.site.findUnique({ where: { id: 1 } })).toEqual(before);
    expect(cache.updatedTags).toEqual([]);
  });

  it("refuses a visitor without a session", async () => {
    expect(await updateSiteSettingsAction(form())).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("returns field errors for invalid input", async () => {
    session.user = admin;
    const result = await updateSiteSettingsAction(form({ accentColor: "#ffff00", navigation: [{ label: "x", url: "javascript:alert(1)" }], postsPerPage: "99" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["accentColor", "navigation.0.url", "postsPerPage"]);
    expect(cache.updatedTags).toEqual([]);
  });

  it("saves for an administrator and expires the site tag, and the post lists when the page size changes", async () => {
    session.user = admin;
    expect(await updateSiteSettingsAction(form({ title: `Saved ${runId}` }))).toMatchObject({ ok: true });
    expect(cache.updatedTags).toEqual(["site"]);
    cache.updatedTags.length = 0;
    expect(await updateSiteSettingsAction(form({ title: `Saved ${runId}`, postsPerPage: "7" }))).toMatchObject({ ok: true });
    expect(cache.updatedTags).toEqual(["site", "posts"]);
    expect((await getSiteSettings()).postsPerPage).toBe(7);
  });
});
