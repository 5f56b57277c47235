import { expect, test, type Page, type Response } from "@playwright/test";
import { expectAccessibleAndShoot } from "./support/a11y";
import { createUser } from "./support/factories";
import { createSearchablePost, inventedWord } from "./support/search";


const resultsHeading = (page: Page) => page.locator("#search-results-heading");

/** Searches are answered by the server's index path (lib/search/fast-path.ts), not by rendering the page. */
function expectIndexPath(response: Pick<Response, "status" | "headers"> | null) {
  expect(response?.status()).toBe(200);
  expect(response?.headers()["x-quire-search"]).toBe("index");
}

/** The element the results HTML is placed in. */
const resultsIsland = (page: Page) => page.locator("main div.mt-10").filter({ has: resultsHeading(page) });

test("a reader searches from the form with the keyboard and sees highlighted snippets", async ({ page }) => {
  const author = await createUser("AUTHOR", "Search Test Author");
  const word = inventedWord();
  const post = await createSearchablePost({
    authorId: author.id,
    title: `Field guide to ${word} retrieval`,
    paragraphs: ["An opening paragraph about something else entirely, long enough to push the match further down.", `Later on, the ${word} appears in the body text.`],
  });

  await page.goto("/search");
  const input = page.getByRole("searchbox", { name: "Search posts" }).last();
  await expect(input).toBeFocused();
  await expect(page.getByText("Type a few words to search")).toBeVisible();
  await input.fill(word.toUpperCase());
  const answered = page.waitForResponse((response) => response.url().includes("/search?q="));
  await page.keyboard.press("Enter");
  expectIndexPath(await answered);

  await expect(page).toHaveURL(new RegExp(`/search\\?q=${word.toUpperCase()}$`));
  await expect(resultsHeading(page)).toHaveText(`1 result for “${word.toUpperCase()}”`);
  const hit = page.getByRole("article");
  await expect(hit).toHaveCount(1);
  const titleLink = hit.getByRole("link", { name: `Field guide to ${word} retrieval` });
  await expect(titleLink).toHaveAttribute("href", `/blog/${post.slug}`);
  await expect(hit.locator("p mark")).toHaveText(word);
  await expect(hit.getByText("appears in the body text")).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Search posts" }).last()).toHaveValue(word.toUpperCase());
  await expect(page).toHaveTitle(new RegExp(`^Results for “${word.toUpperCase()}”`));
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/search$/);
  await expectAccessibleAndShoot(page, "search-results");

  await titleLink.focus();
  await expect(titleLink).toBeFocused();
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`/blog/${post.slug}$`));
});

test("a partial word matches, and a misspelt one is corrected with a notice", async ({ page }) => {
  const author = await createUser("AUTHOR");
  const word = inventedWord("quorvat", 6);
  await createSearchablePost({ authorId: author.id, title: "Spelling matters", paragraphs: [`A note on ${word} handling.`] });

  await page.goto(`/search?q=${word.slice(0, -2)}`);
  await expect(resultsHeading(page)).toHaveText(/^1 result for/);
  await expect(page.getByRole("article").locator("mark")).toHaveText(word);
  await expect(page.getByText("Showing results for")).toHaveCount(0);

  const typo = word.slice(0, 3) + word.slice(4); // drop a letter
  await page.goto(`/search?q=${typo}`);
  await expect(page.getByText(`Showing results for ${word}.`)).toBeVisible();
  await expect(page.getByRole("article").getByRole("link", { name: "Spelling matters" })).toBeVisible();
  await expectAccessibleAndShoot(page, "search-corrected");
});

test("results are paged ten at a time", async ({ page }) => {
  const author = await createUser("AUTHOR");
  const word = inventedWord();
  for (let i = 1; i <= 12; i++) await createSearchablePost({ authorId: author.id, title: `Paged result ${i}`, paragraphs: [`Mentions ${word}.`] });

  await page.goto(`/search?q=${word}`);
  await expect(resultsHeading(page)).toHaveText(`12 results for “${word}” · page 1 of 2`);
  await expect(page.getByRole("article")).toHaveCount(10);
  const pages = page.getByRole("navigation", { name: "Search results pages" });
  await expect(pages.getByRole("link", { name: /Previous/ })).toHaveCount(0);
  await pages.getByRole("link", { name: /Next/ }).click();

  await expect(page).toHaveURL(new RegExp(`/search\\?q=${word}&page=2$`));
  await expect(page.getByRole("article")).toHaveCount(2);
  await expect(pages.getByRole("link", { name: /Previous/ })).toBeVisible();
  await expect(pages.getByRole("link", { name: /Next/ })).toHaveCount(0);

  await page.goto(`/search?q=${word}&page=7`);
  await expect(page.getByText("There are only 2 pages of results.")).toBeVisible();
});

test("hostile queries answer 200 with results or the empty state, never an error", async ({ page }) => {
  const hostile = [`'"); DROP TABLE posts; --`, "a & | ! :*", "<script>alert(1)</script>", "!!!((( :* <->", "\\'\\\\", "%00%", "🚀".repeat(20), "x".repeat(5000)];
  for (const query of hostile) {
    const response = await page.goto(`/search?q=${encodeURIComponent(query)}&page=${encodeURIComponent("2'--")}`);
    expect(response?.status(), query.slice(0, 40)).toBe(200);
    await expect(resultsHeading(page)).toBeVisible();
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
    await expect(page.locator("script:not([src])", { hasText: "alert(1)" })).toHaveCount(0);
  }
  // Whatever was typed, the page still works: the table is there and a normal search finds posts.
  const author = await createUser("AUTHOR");
  const word = inventedWord();
  await createSearchablePost({ authorId: author.id, title: `After the storm ${word}` });
  await page.goto(`/search?q=${word}`);
  await expect(resultsHeading(page)).toHaveText(`1 result for “${word}”`);
});

test("a search with no results suggests what to try", async ({ page }) => {
  const word = inventedWord("zz", 14);
  await page.goto(`/search?q=${word}`);
  await expect(resultsHeading(page)).toHaveText(`No results for “${word}”`);
  await expect(page.getByText("Check the spelling")).toBeVisible();
  await expect(page.getByRole("link", { name: "Browse all posts →" })).toHaveAttribute("href", "/");
  await expectAccessibleAndShoot(page, "search-empty");
  await page.goto("/search");
  await expectAccessibleAndShoot(page, "search-start");
});

test("a search of common words only says so and points to all posts", async ({ page }) => {
  const response = await page.goto("/search?q=the+with");
  expectIndexPath(response);
  await expect(resultsHeading(page)).toHaveText("“the with” is too common to search for");
  await expect(page.getByText("Add a word that says what you are looking for.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Browse all posts →" })).toHaveAttribute("href", "/");
  await expect(page.getByRole("searchbox")).toHaveValue("the with");
  await expectAccessibleAndShoot(page, "search-stop-words");
});

test("search works without JavaScript: the form submits and the results are in the HTML", async ({ browser }) => {
  const author = await createUser("AUTHOR", "No Script Author");
  const word = inventedWord();
  const post = await createSearchablePost({ authorId: author.id, title: `Plain HTML ${word} notes`, paragraphs: [`The ${word} is in the body as well.`] });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/search");
  await page.getByRole("searchbox", { name: "Search posts" }).last().fill(word);
  const answered = page.waitForResponse((response) => response.url().includes("/search?q="));
  await page.keyboard.press("Enter");
  expectIndexPath(await answered);
  await expect(resultsHeading(page)).toHaveText(`1 result for “${word}”`);
  await expect(page.getByRole("link", { name: `Plain HTML ${word} notes` })).toHaveAttribute("href", `/blog/${post.slug}`);
  await context.close();
});

test("a quoted phrase finds only posts with those words side by side", async ({ page }) => {
  const author = await createUser("AUTHOR");
  const word = inventedWord();
  await createSearchablePost({ authorId: author.id, title: "Together", paragraphs: [`${word}: the harbour lights came on.`] });
  await createSearchablePost({ authorId: author.id, title: "Apart", paragraphs: [`${word}: lights over the harbour.`] });
  await page.goto(`/search?q=${encodeURIComponent(`${word} harbour lights`)}`);
  await expect(resultsHeading(page)).toHaveText(/^2 results for/);
  await page.goto(`/search?q=${encodeURIComponent(`${word} "harbour lights"`)}`);
  await expect(resultsHeading(page)).toHaveText(/^1 result for/);
  await expect(page.getByRole("article").getByRole("link", { name: "Together" })).toBeVisible();
});

test("crawlers may fetch search pages, so they read the noindex those pages carry", async ({ request }) => {
  const robots = await (await request.get("/robots.txt")).text();
  const disallowed = robots
    .split("\n")
    .map((line) => /^Disallow:\s*(\S+)/i.exec(line.trim())?.[1])
    .filter((path): path is string => Boolean(path));
  expect(disallowed).toEqual(expect.arrayContaining(["/admin", "/api"]));
  expect(disallowed.filter((path) => "/search?q=notes".startsWith(path))).toEqual([]);
  const response = await request.get("/search?q=notes");
  expect(response.status()).toBe(200);
  expect(await response.text()).toMatch(/<meta name="robots" content="noindex[^"]*"/);
});

test("the index path answers with what Next renders, and the page (no framework scripts) and Back keep the results, title and input", async ({ browser, page }) => {
  const author = await createUser("AUTHOR", "Island <Author>");
  const word = inventedWord();
  for (let i = 1; i <= 11; i++) {
    await createSearchablePost({ authorId: author.id, title: `Island ${i} ${word}`, paragraphs: ["Opening words.", `Body with ${word} & <b>markup-looking</b> text.`] });
  }
  // A leading "$" is how React marks references in its flight data, and <> must be escaped in HTML.
  const typed = `$${word}<>`;
  const path = `/search?q=${encodeURIComponent(typed)}`;

  // The same query rendered by Next (a draft-mode cookie sends it there) and answered by the index path.
  const islands: string[] = [];
  for (const cookie of [false, true]) {
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: cookie ? { cookie: "__prerender_bypass=none" } : {} });
    const plain = await context.newPage();
    const response = await plain.goto(path);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["x-quire-search"]).toBe(cookie ? undefined : "index");
    await expect(resultsHeading(plain)).toHaveText(`11 results for “${typed}” · page 1 of 2`);
    await expect(plain.getByRole("searchbox", { name: "Search posts" }).last()).toHaveValue(typed);
    await expect(plain).toHaveTitle(new RegExp(`^Results for “\\$${word}<>”`));
    islands.push(await resultsIsland(plain).innerHTML());
    await context.close();
  }
  expect(islands[0]).toBe(islands[1]);

  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  expectIndexPath(await page.goto(path));
  // A reader page: sent without React or flight data, so nothing can replace what the index path filled in.
  expect(await page.content()).not.toContain("__next_f");
  await expect(resultsHeading(page)).toHaveText(`11 results for “${typed}” · page 1 of 2`);
  await expect(page.getByRole("article")).toHaveCount(10);
  await expect(page.getByRole("article").first().locator("p mark")).toHaveText(word);
  await expect(page.getByRole("searchbox", { name: "Search posts" }).last()).toHaveValue(typed);
  await expect(page).toHaveTitle(new RegExp(`^Results for “\\$${word}<>”`));
  expect(await resultsIsland(page).innerHTML()).toBe(islands[0]);

  // Away and Back: the browser shows the page again as the index path answered it.
  await page.locator("a.site-title").click();
  await expect(page).toHaveURL(/\/$/);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/search\\?q=`));
  await expect(resultsHeading(page)).toHaveText(`11 results for “${typed}” · page 1 of 2`);
  await expect(page.getByRole("searchbox", { name: "Search posts" }).last()).toHaveValue(typed);
  await expect(page).toHaveTitle(new RegExp(`^Results for “\\$${word}<>”`));
  await expectAccessibleAndShoot(page, "search-index-path");

  // The page's links work from the keyboard: the next results page, answered by the index path too.
  const next = page.getByRole("navigation", { name: "Search results pages" }).getByRole("link", { name: /Next/ });
  await next.focus();
  const answered = page.waitForResponse((response) => response.url().includes("page=2"));
  await page.keyboard.press("Enter");
  expectIndexPath(await answered);
  await expect(page.getByRole("article")).toHaveCount(1);
  expect(errors).toEqual([]);
});

test("the index path answers HEAD, repeated and undecodable parameters and long queries without an error", async ({ request }) => {
  const author = await createUser("AUTHOR");
  const word = inventedWord();
  await createSearchablePost({ authorId: author.id, title: `Odd input ${word}` });
  const head = await request.head(`/search?q=${word}`);
  expectIndexPath(head);
  expect(Number(head.headers()["content-length"])).toBeGreaterThan(1000);
  expect(head.headers()["content-security-policy"]).toMatch(/script-src 'self'( 'sha256-[\w+/=]+')+;/);

  const repeated = await request.get(`/search?q=${word}&q=other&page=1&page=2`);
  expectIndexPath(repeated);
  expect(await repeated.text()).toContain(`1 result for <span class="break-words">“${word}”</span>`);

  for (const query of ["%FF%FE", "%E0%A4%A", "%", `${"long ".repeat(1000)}${word}`]) {
    const response = await request.get(`/search?q=${query}`);
    expect(response.status(), query.slice(0, 20)).toBe(200);
    expect(await response.text()).toContain('id="search-results-heading"');
  }
});
