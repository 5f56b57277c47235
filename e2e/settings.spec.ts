import { expect, test, type Browser, type Page } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { testDb } from "./support/db";
import { createPost, createUser, type TestUser } from "./support/factories";
import { signedInUsers, storageStatePath } from "./support/users";

// The settings are one row for the whole site: these tests change it in turn.
test.describe.configure({ mode: "serial" });

const unique = () => Math.random().toString(36).slice(2, 8);

// Each run starts from the settings a new site has, whatever an earlier run on this database saved.
test.beforeAll(async () => {
  await testDb().site.update({
    where: { id: 1 },
    data: { accentColor: null, navigation: [], secondaryNavigation: [], social: {}, postsPerPage: 10, codeInjectionHead: "", codeInjectionFoot: "", logo: null, icon: null, defaultSocialImage: null },
  });
});

async function openSettings(page: Page) {
  await page.goto("/admin/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
}

async function save(page: Page) {
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Settings saved. Readers see them now.");
}

async function signInAs(browser: Browser, user: TestUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(user.email, user.password);
  await expect(page).toHaveURL(/\/admin$/);
  return { context, page };
}

test.describe("as an administrator", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("title, accent colour, menus, social accounts and posts per page reach the reader pages and feed at once", async ({ page, request }) => {
    const author = signedInUsers().author;
    for (let i = 0; i < 3; i++) await createPost({ authorId: author.id, title: `Settings list post ${i} ${unique()}`, status: "PUBLISHED" });

    // The home page and the feed are in the cache before the change.
    await page.goto("/");
    const title = `Field Notes ${unique()}`;
    expect(await (await request.get("/rss.xml")).text()).not.toContain(title);
    // So is the not-found page the server sends for a missing post (it keeps a copy).
    expect(await (await request.get("/blog/no-such-post-in-settings")).text()).not.toContain(title);

    await openSettings(page);
    await page.getByLabel("Site title").fill(title);
    await page.getByLabel("Description").fill("Notes from the field, set in the settings page.");

    // A colour that fails AA on white is refused with its ratio, and nothing is saved.
    await page.getByRole("textbox", { name: "Accent colour", exact: true }).fill("#fde047");
    await expect(page.getByText(/fails WCAG AA/)).toBeVisible();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /contrast of 1\.\d\d:1/ }).first()).toBeVisible();
    expect((await testDb().site.findUnique({ where: { id: 1 } }))?.title).not.toBe(title);

    await page.getByRole("textbox", { name: "Accent colour", exact: true }).fill("#0f766e");
    await expect(page.getByText(/passes WCAG AA/)).toBeVisible();

    const primary = page.getByRole("group", { name: "Primary menu (header)" });
    for (const [label, url] of [
      ["Archive", "/page/2"],
      ["About us", "/about-us"],
    ]) {
      await primary.getByRole("button", { name: /Add link/ }).click();
      const last = primary.getByRole("listitem").last();
      await last.getByLabel(/^Label/).fill(label!);
      await last.getByLabel(/^URL/).fill(url!);
    }
    // Reordered: "About us" first.
    await primary.getByRole("button", { name: "Move up About us" }).click();
    const secondary = page.getByRole("group", { name: "Secondary menu (footer)" });
    await secondary.getByRole("button", { name: /Add link/ }).click();
    await secondary.getByLabel("Label 1").fill("Source code");
    await secondary.getByLabel("URL 1").fill("javascript:alert(1)");
    await page.getByLabel("X (Twitter)").fill("@fieldnotes");
    await page.getByLabel("Mastodon").fill("@field@hachyderm.io");
    await page.getByLabel("Posts per page").fill("2");

    // An unsafe menu URL is refused beside its field.
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(secondary.getByText("Use a path on this site (/about) or an http, https or mailto URL.")).toBeVisible();
    await secondary.getByLabel("URL 1").fill("github.com/quire-blog");
    await save(page);

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page).toHaveTitle(title);
    const mainNav = page.getByRole("navigation", { name: "Main" });
    await expect(mainNav.getByRole("link")).toHaveText(["About us", "Archive", "Search"]);
    await expect(mainNav.getByRole("link", { name: "About us" })).toHaveAttribute("href", "/about-us");
    await expect(page.getByRole("navigation", { name: "Footer" }).getByRole("link", { name: "Source code" })).toHaveAttribute("href", "https://github.com/quire-blog");
    await expect(page.getByRole("link", { name: "Mastodon" })).toHaveAttribute("rel", /\bme\b/);
    await expect(page.getByRole("link", { name: "Mastodon" })).toHaveAttribute("href", "https://hachyderm.io/@field");
    await expect(page.locator('meta[name="twitter:site"]')).toHaveAttribute("content", "@fieldnotes");
    const jsonLd = await page.locator('script[type="application/ld+json"]').first().textContent();
    expect(JSON.parse(jsonLd!).sameAs).toEqual(["https://x.com/fieldnotes", "https://hachyderm.io/@field"]);
    // Two posts per page, and pagination to the rest.
    await expect(page.locator("main h2")).toHaveCount(2);
    await expect(page.getByRole("navigation", { name: "Pagination" })).toBeVisible();
    // The accent replaces the stylesheet's: links use it, and the dark theme gets a lighter shade.
    const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--color-indigo-700").trim());
    expect(accent).toBe("#0f766e");
    const firstCardLink = page.locator("main h2 a").first();
    await firstCardLink.hover();
    await expect(firstCardLink).toHaveCSS("color", "rgb(15, 118, 110)");
    // A list page's social image: the generated card of the home page, which answers with a PNG.
    const ogImage = await page.locator('meta[property="og:image"]').getAttribute("content");
    expect(ogImage).toMatch(/\/social-image\?v=/);
    const card = await request.get(new URL(ogImage!).pathname + new URL(ogImage!).search);
    expect(card.status()).toBe(200);
    expect(card.headers()["content-type"]).toBe("image/png");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: "/tmp/settings-reader-accent.png", fullPage: true });

    const feed = await (await request.get("/rss.xml")).text();
    expect(feed).toContain(title);
    expect(feed).toContain("/apple-touch-icon.png?v=");
    const missing = await request.get("/blog/no-such-post-in-settings");
    expect(missing.status()).toBe(404);
    expect(await missing.text()).toContain(title);
  });

  test("code injection runs on reader pages and never reaches the admin", async ({ page }) => {
    await openSettings(page);
    await page.getByLabel("Site header (before </head>)").fill('<meta name="quire-injected" content="head">\n<script>document.documentElement.dataset.injected = "head"</script>');
    await page.getByLabel("Site footer (before </body>)").fill('<p id="foot-injected">Injected footer</p>\n<script>document.getElementById("foot-injected").dataset.ran = "yes"</script>');
    await expect(page.getByText("Trusted HTML.")).toBeVisible();
    await save(page);

    await page.goto("/");
    await expect(page.locator('head meta[name="quire-injected"]')).toHaveAttribute("content", "head");
    // The scripts ran: the server's Content-Security-Policy lists their hashes.
    await expect(page.locator("html")).toHaveAttribute("data-injected", "head");
    await expect(page.locator("#foot-injected")).toHaveAttribute("data-ran", "yes");

    for (const path of ["/admin/settings", "/admin"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.locator('meta[name="quire-injected"]')).toHaveCount(0);
      await expect(page.locator("#foot-injected")).toHaveCount(0);
      await expect(page.locator("html")).not.toHaveAttribute("data-injected", "head");
    }
    // The admin's HTML does not carry the injection anywhere (not even in its RSC payload).
    const adminHtml = await (await page.request.get("/admin/settings")).text();
    expect(adminHtml).not.toContain("foot-injected\">Injected footer");
  });

  test("the settings page at 390 px and 1280 px", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openSettings(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole("button", { name: "Save settings" })).toBeInViewport();
    await page.screenshot({ path: "/tmp/settings-admin-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: "/tmp/settings-admin-1280.png", fullPage: true });
    for (const heading of ["General", "Brand", "Navigation", "Social accounts", "Reading", "Code injection"]) {
      await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
    }
  });
});

test.describe("icons", () => {
  test("/favicon.ico answers with an image and reader pages link the icons", async ({ page, request }) => {
    const favicon = await request.get("/favicon.ico");
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()["content-type"]).toBe("image/png");
    expect((await favicon.body()).subarray(1, 4).toString()).toBe("PNG");
    await page.goto("/");
    for (const rel of ["icon", "apple-touch-icon"]) {
      const href = await page.locator(`link[rel="${rel}"]`).first().getAttribute("href");
      const response = await request.get(href!);
      expect(response.status(), rel).toBe(200);
      expect(response.headers()["content-type"]).toBe("image/png");
    }
    const manifest = await request.get("/manifest.webmanifest");
    expect(manifest.status()).toBe(200);
    expect((await manifest.json()).icons).toHaveLength(2);
  });
});

test.describe("as an editor", () => {
  test("cannot open the settings page, sees no link to it, and the action refuses them", async ({ browser }) => {
    // The action's id, as the admin's browser sends it.
    const admin = await browser.newContext({ storageState: storageStatePath("admin") });
    const adminPage = await admin.newPage();
    await openSettings(adminPage);
    const actionRequest = adminPage.waitForRequest((request) => request.method() === "POST" && request.headers()["next-action"] !== undefined);
    await adminPage.getByRole("button", { name: "Save settings" }).click();
    const captured = await actionRequest;
    const actionId = captured.headers()["next-action"]!;
    const body = JSON.parse(captured.postData()!) as [Record<string, unknown>];
    await admin.close();

    const editor = await createUser("EDITOR");
    const { context, page } = await signInAs(browser, editor);
    await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
    await page.goto("/admin/settings");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByLabel("Site title")).toHaveCount(0);

    const before = await testDb().site.findUnique({ where: { id: 1 } });
    const response = await page.request.post("/admin/settings", {
      headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: new URL(page.url()).origin },
      data: JSON.stringify([{ ...body[0], title: "Taken over", codeInjectionHead: "<script>alert(1)</script>" }]),
    });
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('"code":"FORBIDDEN"');
    const after = await testDb().site.findUnique({ where: { id: 1 } });
    expect(after?.title).toBe(before?.title);
    expect(after?.codeInjectionHead).toBe(before?.codeInjectionHead);
    await context.close();
  });
});
