import { expect, test } from "@playwright/test";
import { createAuthor, createTag, createTaggedPost, jsonLdOf } from "./support/archives";
import { createPost } from "./support/factories";
import { expectAccessibleAndShoot } from "./support/a11y";

test("a tag page lists exactly the tag's published posts, with its header, feeds and breadcrumbs", async ({ page, baseURL }) => {
  const author = await createAuthor("AUTHOR", { name: "Tag Page Author" });
  const tag = await createTag({ name: "Query planning", description: "How PostgreSQL decides what to do first." });
  const other = await createTag({ name: "Indexes" });
  const older = await createTaggedPost({ authorId: author.id, title: "Reading EXPLAIN output", tagIds: [tag.id] });
  const newer = await createTaggedPost({ authorId: author.id, title: "Join order matters", tagIds: [tag.id, other.id] });
  await createTaggedPost({ authorId: author.id, title: "Unfinished planner notes", status: "DRAFT", tagIds: [tag.id] });
  await createTaggedPost({ authorId: author.id, title: "Only about indexes", tagIds: [other.id] });

  const response = await page.goto(`/tag/${tag.slug}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Query planning");
  await expect(page.getByText("How PostgreSQL decides what to do first.")).toBeVisible();
  await expect(page.getByText("2 posts", { exact: true })).toBeVisible();
  await expect(page.getByRole("article").getByRole("heading")).toHaveText([newer.title, older.title]);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toHaveCount(0);

  await expect(page.getByRole("link", { name: "RSS feed" })).toHaveAttribute("href", `/tag/${tag.slug}/rss.xml`);
  await expect(page).toHaveTitle(/^Query planning — /);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", "How PostgreSQL decides what to do first.");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}/tag/${tag.slug}`);
  const rssLinks = await page.locator('link[rel="alternate"][type="application/rss+xml"]').evaluateAll((links) => links.map((link) => link.getAttribute("href")));
  expect(rssLinks).toEqual([`${baseURL}/rss.xml`, `${baseURL}/tag/${tag.slug}/rss.xml`]);

  const breadcrumbs = (await jsonLdOf(page)).filter((data) => data["@type"] === "BreadcrumbList");
  expect(breadcrumbs).toHaveLength(1);
  const items = breadcrumbs[0]?.itemListElement as { position: number; name: string; item: string }[];
  expect(items.map(({ position, item }) => [position, item])).toEqual([
    [1, `${baseURL}/`],
    [2, `${baseURL}/tag/${tag.slug}`],
  ]);
  expect(items[1]?.name).toBe("Query planning");
  const visibleTrail = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(visibleTrail.getByRole("link", { name: "Home" })).toHaveAttribute("href", "/");
  await expect(visibleTrail.getByText("Query planning")).toHaveAttribute("aria-current", "page");

  await expectAccessibleAndShoot(page, "tag");
});

test("tag pages paginate: page 2 holds the rest, /page/1 redirects and pages past the end are 404", async ({ page }) => {
  const author = await createAuthor();
  const tag = await createTag({ name: "Long series" });
  const titles: string[] = [];
  for (let i = 1; i <= 11; i++) titles.push((await createTaggedPost({ authorId: author.id, title: `Series part ${i}`, tagIds: [tag.id] })).title);

  await page.goto(`/tag/${tag.slug}`);
  await expect(page.getByText("11 posts", { exact: true })).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(10);
  await expect(page.getByRole("article").first().getByRole("heading")).toHaveText("Series part 11");
  const pagination = page.getByRole("navigation", { name: "Pagination" });
  await pagination.getByRole("link", { name: /Older posts/ }).click();
  await expect(page).toHaveURL(new RegExp(`/tag/${tag.slug}/page/2$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Long series · page 2");
  await expect(page.getByRole("article").getByRole("heading")).toHaveText(["Series part 1"]);
  await expect(page).toHaveTitle(/^Long series — page 2 — /);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/tag/${tag.slug}/page/2$`));
  await expectAccessibleAndShoot(page, "tag-page-2");

  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(pagination.getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");
  await pagination.getByRole("link", { name: "Page 1" }).click();
  await expect(page).toHaveURL(new RegExp(`/tag/${tag.slug}$`));

  const firstPage = await page.request.get(`/tag/${tag.slug}/page/1`, { maxRedirects: 0 });
  expect(firstPage.status()).toBe(308);
  expect(firstPage.headers().location).toMatch(new RegExp(`/tag/${tag.slug}$`));
  expect((await page.goto(`/tag/${tag.slug}/page/3`))?.status()).toBe(404);
  expect((await page.goto(`/tag/${tag.slug}/page/02`))?.status()).toBe(404);
  expect((await page.goto(`/tag/${tag.slug}/page/two`))?.status()).toBe(404);
});

test("an author page shows the bio, website, Person structured data and only published posts", async ({ page, baseURL }) => {
  const author = await createAuthor("EDITOR", { name: "Grace Archive", bio: "Writes compilers and about compilers.", website: "https://grace.example/notes" });
  const tag = await createTag({ name: "Compilers" });
  const first = await createTaggedPost({ authorId: author.id, title: "Parsing without tears", tagIds: [tag.id] });
  const second = await createPost({ authorId: author.id, status: "PUBLISHED", title: "Register allocation, gently" });
  await createPost({ authorId: author.id, status: "DRAFT", title: "Half-written optimiser post" });

  const response = await page.goto(`/author/${author.slug}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Grace Archive");
  await expect(page.getByText("Writes compilers and about compilers.")).toBeVisible();
  await expect(page.getByText("2 posts", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Website: grace.example/notes" })).toHaveAttribute("href", "https://grace.example/notes");
  await expect(page.getByRole("link", { name: "RSS feed" })).toHaveAttribute("href", `/author/${author.slug}/rss.xml`);
  await expect(page.getByRole("article").getByRole("heading")).toHaveText([second.title, first.title]);
  await expect(page).toHaveTitle(/^Grace Archive — /);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "profile");
  const rssLinks = await page.locator('link[rel="alternate"][type="application/rss+xml"]').evaluateAll((links) => links.map((link) => link.getAttribute("href")));
  expect(rssLinks).toContain(`${baseURL}/author/${author.slug}/rss.xml`);

  const data = await jsonLdOf(page);
  expect(data.find((item) => item["@type"] === "Person")).toEqual({
    "@context": "https://schema.org",
    "@type": "Person",
    name: "Grace Archive",
    url: `${baseURL}/author/${author.slug}`,
    description: "Writes compilers and about compilers.",
    sameAs: ["https://grace.example/notes"],
  });
  expect(data.filter((item) => item["@type"] === "BreadcrumbList")).toHaveLength(1);
  await expectAccessibleAndShoot(page, "author");
});

test("post cards lead to their tag and author pages, by mouse and by keyboard", async ({ page }) => {
  const author = await createAuthor("AUTHOR", { name: "Card Link Author" });
  const tag = await createTag({ name: "Card links" });
  const other = await createTag({ name: "Second chip" });
  await createTaggedPost({ authorId: author.id, title: "A card with chips", tagIds: [tag.id, other.id] });

  await page.goto(`/tag/${tag.slug}`);
  const card = page.getByRole("article").filter({ hasText: "A card with chips" });
  await card.getByRole("list", { name: "Tags" }).getByRole("link", { name: "Second chip" }).click();
  await expect(page).toHaveURL(new RegExp(`/tag/${other.slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Second chip");

  const authorLink = page.getByRole("article").getByRole("link", { name: "Card Link Author" });
  await authorLink.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/author/${author.slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Card Link Author");

  await page.getByRole("article").getByRole("link", { name: "A card with chips" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("A card with chips");
});

test("unknown tags and authors, and those without published posts, are 404 pages", async ({ page }) => {
  const drafter = await createAuthor("CONTRIBUTOR");
  const draftTag = await createTag({ name: "Only drafts here" });
  await createTaggedPost({ authorId: drafter.id, title: "Never published", status: "DRAFT", tagIds: [draftTag.id] });

  for (const path of [
    `/tag/${draftTag.slug}`,
    `/tag/${draftTag.slug}/page/2`,
    "/tag/no-such-tag-anywhere",
    `/author/${drafter.slug}`,
    "/author/no-such-author-anywhere",
    "/author/no-such-author-anywhere/page/2",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  }
  await expect(page.getByText("Never published")).toHaveCount(0);
});

test("the home page describes the site as a WebSite with a search action", async ({ page, baseURL }) => {
  await page.goto("/");
  const website = (await jsonLdOf(page)).find((item) => item["@type"] === "WebSite");
  expect(website).toMatchObject({
    url: `${baseURL}/`,
    potentialAction: { "@type": "SearchAction", target: { urlTemplate: `${baseURL}/search?q={search_term_string}` } },
  });
  // Next writes the site root without its trailing slash; both spell the same URL.
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`^${baseURL}/?$`));
  const firstPage = await page.request.get("/page/1", { maxRedirects: 0 });
  expect(firstPage.status()).toBe(308);
});

test.describe("in the dark theme", () => {
  test.use({ colorScheme: "dark" });

  test("tag, author and paginated pages pass axe", async ({ page }) => {
    const author = await createAuthor("AUTHOR", { name: "Dark Theme Author", bio: "Reads at night.", website: "https://night.example/" });
    const tag = await createTag({ name: "Night reading", description: "Posts for the evening." });
    for (let i = 1; i <= 11; i++) await createTaggedPost({ authorId: author.id, title: `Evening post ${i}`, tagIds: [tag.id] });

    await page.goto(`/tag/${tag.slug}`);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expectAccessibleAndShoot(page, "tag-dark");
    await page.goto(`/author/${author.slug}/page/2`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dark Theme Author · page 2");
    await expectAccessibleAndShoot(page, "author-page-2-dark");
  });
});
