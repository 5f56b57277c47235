import { expect, test } from "@playwright/test";
import { createPost } from "./support/factories";
import { signedInUsers } from "./support/users";

/** "dark" or "light" from the body's computed background (Chromium reports lab(), oklch() or rgb()). */
const background = (page: import("@playwright/test").Page) =>
  page.evaluate(() => {
    const css = getComputedStyle(document.body).backgroundColor;
    const lab = /^(lab|oklch)\(([\d.]+)/.exec(css);
    const rgb = /^rgba?\((\d+), (\d+), (\d+)/.exec(css);
    const lightness = lab ? Number(lab[2]) * (lab[1] === "oklch" ? 100 : 1) : rgb ? (Number(rgb[1]) + Number(rgb[2]) + Number(rgb[3])) / 7.65 : NaN;
    return lightness < 20 ? "dark" : lightness > 90 ? "light" : css;
  });
const DARK = "dark";
const LIGHT = "light";

test.describe("dark mode", () => {
  test("follows the system without a choice, and the first paint already has the right theme", async ({ browser }) => {
    for (const colorScheme of ["dark", "light"] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      // Record the theme at the first point the body exists, before any client JavaScript but the inline script.
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (!document.body) return;
          (window as unknown as { firstTheme?: string }).firstTheme = document.documentElement.dataset.theme;
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto("/");
      expect(await page.evaluate(() => (window as unknown as { firstTheme?: string }).firstTheme)).toBe(colorScheme);
      expect(await background(page)).toBe(colorScheme === "dark" ? DARK : LIGHT);
      await context.close();
    }
  });

  test("the toggle switches the theme, works from the keyboard and keeps the choice across pages", async ({ browser }) => {
    const post = await createPost({ authorId: signedInUsers().admin.id, title: "Theme check", status: "PUBLISHED" });
    const context = await browser.newContext({ colorScheme: "light" });
    const page = await context.newPage();
    await page.goto("/");
    const toggle = page.getByRole("button", { name: "Dark theme" });
    await expect(toggle).toHaveAttribute("aria-pressed", "false");

    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await background(page)).toBe(DARK);

    await page.goto(`/blog/${post.slug}`);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await background(page)).toBe(DARK);
    await page.screenshot({ path: "e2e/screenshots/theme-post-dark-chosen.png", fullPage: true });

    // Choosing what the system shows forgets the choice: the site follows the system again.
    await page.getByRole("button", { name: "Dark theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await page.evaluate(() => localStorage.getItem("quire-theme"))).toBeNull();
    await context.close();
  });

  test("without JavaScript the system preference still applies", async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: "dark", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/");
    expect(await background(page)).toBe(DARK);
    await context.close();
  });
});
