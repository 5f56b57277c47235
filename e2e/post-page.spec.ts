import { expect, test, type Page } from "@playwright/test";
import { codeBlock, createProfiledAuthor, createRichPost, heading, image, isolatedTime, paragraph, unique } from "./support/post-page";
import { expectAccessibleAndShoot } from "./support/a11y";

const longParagraph = (topic: string) =>
  paragraph(`${topic} `.repeat(5) + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(12));

/** A post with sections, a nested subsection and code, as technical posts are. */
function sectionedBody() {
  return [
    paragraph("An introduction that sets the scene for the whole post."),
    heading(2, "Why it matters"),
    longParagraph("Why."),
    heading(3, "A closer look"),
    longParagraph("Closer."),
    codeBlock("typescript", 'const answer: number = 42;\nexport function greet(name: string) {\n  return `Hello, ${name} <script>`;\n}'),
    heading(2, "Measuring it"),
    longParagraph("Measure."),
    codeBlock("sql", "SELECT id, title FROM posts WHERE status = 'PUBLISHED' ORDER BY published_at DESC LIMIT 10;"),
    codeBlock(null, "plain text, no language"),
    heading(2, "Conclusion"),
    longParagraph("Done."),
  ];
}

async function jsonLd(page: Page): Promise<Record<string, unknown>[]> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  return blocks.flatMap((block) => {
    const parsed: unknown = JSON.parse(block);
    return (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
  });
}

test("the table of contents jumps to anchored headings, and code is highlighted, all without JavaScript", async ({ browser }) => {
  const author = await createProfiledAuthor();
  const post = await createRichPost({ authorId: author.id, title: `Sections and code ${unique()}`, blocks: sectionedBody() });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  expect((await page.goto(`/blog/${post.slug}`))?.status()).toBe(200);

  const toc = page.getByRole("navigation", { name: "Table of contents" });
  await expect(toc.getByRole("link")).toHaveText(["Why it matters", "A closer look", "Measuring it", "Conclusion"]);
  // The h3 is nested under its h2.
  await expect(toc.getByRole("listitem").filter({ hasText: "Why it matters" }).getByRole("link", { name: "A closer look" })).toBeVisible();

  await toc.getByRole("link", { name: "Conclusion" }).click();
  await expect(page).toHaveURL(/#conclusion$/);
  await expect(page.getByRole("heading", { level: 2, name: "Conclusion" })).toBeInViewport();

  // Every heading can be linked to directly.
  await expect(page.getByRole("link", { name: "Link to section: Measuring it" })).toHaveAttribute("href", "#measuring-it");
  await page.goto(`/blog/${post.slug}#a-closer-look`);
  await expect(page.getByRole("heading", { level: 3, name: "A closer look" })).toBeInViewport();

  const ts = page.locator('pre[data-language="typescript"]');
  await expect(ts).toContainText("Hello, ${name} <script>");
  const tokenColours = await ts.locator("span[class]").evaluateAll((spans) => new Set(spans.map((span) => getComputedStyle(span).color)).size);
  expect(tokenColours).toBeGreaterThan(2);
  await expect(page.locator('pre[data-language="sql"] span[class]').first()).toBeVisible();
  await expect(page.locator('pre[data-language="text"]')).toHaveText("plain text, no language");
  await expect(page.getByText("TypeScript", { exact: true })).toBeVisible();
  await context.close();
});

test("a post with fewer than three headings has no table of contents", async ({ page }) => {
  const author = await createProfiledAuthor();
  const post = await createRichPost({ authorId: author.id, title: `Short post ${unique()}`, blocks: [heading(2, "Only one"), paragraph("Text.")] });
  await page.goto(`/blog/${post.slug}`);
  await expect(page.getByRole("heading", { level: 2, name: "Only one" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Table of contents" })).toHaveCount(0);
});

test("heading links show on keyboard focus", async ({ page }) => {
  const author = await createProfiledAuthor();
  const post = await createRichPost({ authorId: author.id, title: `Keyboard ${unique()}`, blocks: sectionedBody() });
  await page.goto(`/blog/${post.slug}`);
  const anchor = page.getByRole("link", { name: "Link to section: Why it matters" });
  await expect(anchor).toHaveCSS("opacity", "0");
  await anchor.focus();
  await expect(anchor).toBeFocused();
  await expect(anchor).toHaveCSS("opacity", "1");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#why-it-matters$/);
});

test("previous, next and related posts link to the right posts", async ({ page }) => {
  const author = await createProfiledAuthor();
  const at = isolatedTime();
  const topic = `Replication ${unique()}`;
  const older = await createRichPost({ authorId: author.id, title: `Older neighbour ${unique()}`, blocks: [paragraph("Older.")], tagNames: [topic], publishedAt: at(1) });
  await createRichPost({ authorId: author.id, title: `Unpublished in between ${unique()}`, blocks: [paragraph("Draft.")], tagNames: [topic], status: "DRAFT", publishedAt: at(1.5) });
  const subject = await createRichPost({ authorId: author.id, title: `The middle post ${unique()}`, blocks: [paragraph("Middle.")], tagNames: [topic], publishedAt: at(2) });
  const newer = await createRichPost({ authorId: author.id, title: `Newer neighbour ${unique()}`, blocks: [paragraph("Newer.")], tagNames: [topic], publishedAt: at(3) });

  await page.goto(`/blog/${subject.slug}`);
  const neighbours = page.getByRole("navigation", { name: "Previous and next posts" });
  await expect(neighbours.getByRole("link", { name: /Previous post/ })).toContainText(older.title);
  await expect(neighbours.getByRole("link", { name: /Next post/ })).toContainText(newer.title);

  const related = page.getByRole("region", { name: "Related posts" });
  // The two posts sharing the tag come first (newer first); a post with a similar title may follow.
  await expect(related.getByRole("link").nth(1)).toHaveText(older.title);
  await expect(related.getByRole("link").first()).toHaveText(newer.title);
  await expect(related).not.toContainText("Unpublished in between");

  await neighbours.getByRole("link", { name: /Next post/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(newer.title);
  await page.getByRole("navigation", { name: "Previous and next posts" }).getByRole("link", { name: /Previous post/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject.title);
  await page.getByRole("region", { name: "Related posts" }).getByRole("link", { name: older.title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(older.title);
});

test("the author box and tag chips link to their pages", async ({ page }) => {
  const author = await createProfiledAuthor(`Grace ${unique()}`);
  const tag = `Storage ${unique()}`;
  const post = await createRichPost({ authorId: author.id, title: `Author box ${unique()}`, blocks: [paragraph("Body.")], tagNames: [tag] });
  await page.goto(`/blog/${post.slug}`);
  const box = page.getByRole("complementary", { name: "About the author" });
  await expect(box).toContainText("Writes about databases");
  const website = box.getByRole("link", { name: author.website!.replace(/^https:\/\//, "").replace(/\/$/, "") });
  await expect(website).toHaveAttribute("href", author.website!);
  await expect(website).toHaveAttribute("rel", "me noopener");
  await expect(page.getByRole("list", { name: "Tags" }).getByRole("link", { name: tag })).toHaveAttribute("href", /^\/tag\/storage-/);
  await box.getByRole("link", { name: author.name }).click();
  await expect(page).toHaveURL(new RegExp(`/author/${author.slug}$`));
});

test("structured data describes the post and its breadcrumb", async ({ page }) => {
  const author = await createProfiledAuthor();
  const tag = `Indexing ${unique()}`;
  const post = await createRichPost({ authorId: author.id, title: `Structured ${unique()}`, blocks: [paragraph("Structured data body text.")], tagNames: [tag] });
  await page.goto(`/blog/${post.slug}`);
  const data = await jsonLd(page);
  const posting = data.find((item) => item["@type"] === "BlogPosting");
  expect(posting).toMatchObject({
    headline: post.title,
    url: expect.stringMatching(new RegExp(`^http://localhost:\\d+/blog/${post.slug}$`)),
    datePublished: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    dateModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    author: [{ "@type": "Person", name: author.name, url: expect.stringMatching(new RegExp(`/author/${author.slug}$`)), sameAs: [author.website] }],
    image: [expect.stringMatching(new RegExp(`/blog/${post.slug}/social-image\\?v=`))],
    keywords: tag,
  });
  const crumbs = data.find((item) => item["@type"] === "BreadcrumbList") as { itemListElement: { position: number; name: string; item: string }[] };
  expect(crumbs.itemListElement.map((crumb) => crumb.position)).toEqual([1, 2, 3]);
  expect(crumbs.itemListElement[1]?.name).toBe(tag);
  expect(crumbs.itemListElement[2]).toMatchObject({ name: post.title, item: expect.stringMatching(new RegExp(`/blog/${post.slug}$`)) });
});

test("a post without a feature image gets a generated PNG card; one with an image uses it", async ({ page, request }) => {
  const author = await createProfiledAuthor();
  const plain = await createRichPost({ authorId: author.id, title: `Card ${unique()}`, blocks: [paragraph("Body.")] });
  await page.goto(`/blog/${plain.slug}`);
  const ogImage = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(ogImage).toMatch(new RegExp(`^http://localhost:\\d+/blog/${plain.slug}/social-image\\?v=`));
  await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute("content", "1200");
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  const card = await request.get(ogImage!);
  expect(card.status()).toBe(200);
  expect(card.headers()["content-type"]).toBe("image/png");
  expect((await card.body()).subarray(1, 4).toString()).toBe("PNG");

  const featured = await createRichPost({ authorId: author.id, title: `Featured ${unique()}`, blocks: [paragraph("Body.")], featureImage: "/demo/latency-budget.png" });
  await page.goto(`/blog/${featured.slug}`);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /^http:\/\/localhost:\d+\/demo\/latency-budget\.png$/);
  const hero = page.locator("article img").first();
  await expect(hero).toHaveAttribute("fetchpriority", "high");
  await expect(hero).toHaveAttribute("loading", "eager");

  const draft = await createRichPost({ authorId: author.id, title: `Hidden card ${unique()}`, blocks: [paragraph("Body.")], status: "DRAFT" });
  expect((await request.get(`/blog/${draft.slug}/social-image`)).status()).toBe(404);
  expect((await request.get(`/blog/no-such-post-${unique()}/social-image`)).status()).toBe(404);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the post page is accessible in the ${colorScheme} scheme`, async ({ page }) => {
    const author = await createProfiledAuthor();
    const tag = `Accessibility ${unique()}`;
    await createRichPost({ authorId: author.id, title: `Related reading ${unique()}`, blocks: [paragraph("Related.")], tagNames: [tag], publishedAt: new Date(Date.now() - 60_000) });
    const post = await createRichPost({ authorId: author.id, title: `Accessible code ${unique()}`, blocks: sectionedBody(), tagNames: [tag] });
    await page.emulateMedia({ colorScheme });
    await page.goto(`/blog/${post.slug}`);
    await expect(page.getByRole("navigation", { name: "Table of contents" })).toBeVisible();
    await expectAccessibleAndShoot(page, `post-page-${colorScheme}`);
    await page.locator(".code-block").first().screenshot({ path: `e2e/screenshots/post-page-${colorScheme}-code.png` });
  });
}

test("an image on this site comes in sizes for the screen; one on another host is left as it is", async ({ browser, request }) => {
  const author = await createProfiledAuthor();
  const local = "/demo/latency-budget.png";
  const remote = "https://images.example.com/elsewhere.png";
  const post = await createRichPost({
    authorId: author.id,
    title: `Figures ${unique()}`,
    blocks: [paragraph("A budget, drawn."), image(local, "A latency budget as one bar"), paragraph("And one from elsewhere."), image(remote, "A remote picture")],
  });

  // A phone at 2× wants about twice the column's 350 CSS pixels, a desktop at 1× the column's 728: both
  // get the 828 px copy, not the 1600 px original, shown as wide as the column.
  for (const [device, options, column] of [
    ["phone", { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 }, 350],
    ["desktop", { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 }, 728],
  ] as const) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`/blog/${post.slug}`);
    const figure = page.getByRole("img", { name: "A latency budget as one bar" });
    await figure.scrollIntoViewIfNeeded();
    await expect.poll(() => figure.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { message: `${device}: the image loads` }).toBe(true);
    const chosen = new URL(await figure.evaluate((img: HTMLImageElement) => img.currentSrc));
    expect(chosen.pathname, device).toBe("/_next/image");
    expect(chosen.searchParams.get("url")).toBe(local);
    expect(Number(chosen.searchParams.get("w")), device).toBe(828);
    expect(await figure.evaluate((img: HTMLImageElement) => img.getBoundingClientRect().width), device).toBe(column);
    await context.close();
  }

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/blog/${post.slug}`);
  const srcset = (await page.getByRole("img", { name: "A latency budget as one bar" }).getAttribute("srcset")) ?? "";
  // The widths next.config.ts sets for article images below the file's own 1600, then the file itself.
  expect(srcset.split(", ").map((candidate) => candidate.split(" ")[1])).toEqual(["384w", "640w", "828w", "1080w", "1440w", "1600w"]);
  expect(srcset.split(", ").at(-1)).toBe(`${local} 1600w`);
  await expect(page.getByRole("img", { name: "A latency budget as one bar" })).toHaveAttribute("width", "1600");
  await expect(page.getByRole("img", { name: "A latency budget as one bar" })).toHaveAttribute("height", "600");
  const small = await request.get(srcset.split(", ")[0]!.split(" ")[0]!, { headers: { accept: "image/webp,image/png" } });
  expect(small.status()).toBe(200);
  expect(small.headers()["content-type"]).toBe("image/webp");
  const original = await request.get(local);
  expect((await small.body()).length).toBeLessThan((await original.body()).length / 4);

  const elsewhere = page.getByRole("img", { name: "A remote picture" });
  await expect(elsewhere).toHaveAttribute("src", remote);
  await expect(elsewhere).not.toHaveAttribute("srcset", /./);
  await expectAccessibleAndShoot(page, "post-figure");
  await context.close();
});
