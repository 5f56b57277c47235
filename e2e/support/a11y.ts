import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
};

/** axe (WCAG 2.1 A/AA) finds nothing on the page. axe runs in the page, so it needs JavaScript enabled. */
export async function expectAccessible(page: Page, message?: string) {
  // Colours read mid-transition are neither state's: a button re-enabled after a save fades from its
  // disabled shade for 150 ms, and axe measured the contrast of that in-between colour.
  await page.evaluate(() =>
    Promise.all(document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity).map((animation) => animation.finished.catch(() => undefined))),
  );
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`), message).toEqual([]);
}

/** axe (WCAG 2.1 A/AA) finds nothing; then a full-page screenshot per viewport into e2e/screenshots/ for people to look at. */
export async function expectAccessibleAndShoot(page: Page, name: string) {
  await expectAccessible(page);
  for (const [viewport, size] of Object.entries(viewports)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `e2e/screenshots/${name}-${viewport}.png`, fullPage: true });
  }
}
