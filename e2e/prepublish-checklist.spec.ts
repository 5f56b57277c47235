import { randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { expectAccessibleAndShoot } from "./support/a11y";
import { createRichPost, heading, image, paragraph, unique } from "./support/post-page";
import { signedInUsers, storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("author") });

/** A slug of letters only, which the checklist does not take for one the site made up. */
const readableSlug = () => `checklist-${Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join("")}`;

test("the pre-publish checklist flags a missing excerpt, an image without alt text and a skipped heading, takes the writer to each, and never blocks publishing", async ({ page }) => {
  const post = await createRichPost({
    authorId: signedInUsers().author.id,
    title: `Checklist ${unique()}`,
    status: "DRAFT",
    tagNames: ["Tooling"],
    blocks: [paragraph("Intro."), heading(2, "Setup"), image("/demo/latency-budget.png", ""), heading(4, "Deep detail"), paragraph("The end.")],
  });
  const editor = new EditorPage(page);
  await editor.open(post.id);
  await editor.slug.fill(readableSlug());

  const toggle = page.getByRole("button", { name: /^Checklist · / }).filter({ visible: true });
  await expect(toggle).toHaveText("Checklist · 3 to review");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const list = page.getByRole("region", { name: "Before publishing" });
  await expect(list.getByRole("listitem")).toHaveText([
    /^!?No excerpt or meta description/,
    /^!?1 image has no alt text; readers who cannot see them get nothing\.$/,
    /^!?A heading jumps from level 2 to 4/,
  ]);
  // On a phone the list lies under the sticky bar's buttons, all of it on screen.
  await page.setViewportSize({ width: 390, height: 844 });
  const box = await list.boundingBox();
  expect(box?.x).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
  await expectAccessibleAndShoot(page, "editor-prepublish-checklist");

  await list.getByRole("button", { name: /No excerpt or meta description/ }).click();
  await expect(editor.excerpt).toBeFocused();
  await editor.excerpt.fill("What the checklist is for.");
  await expect(toggle).toHaveText("Checklist · 2 to review");
  await expect(list.getByRole("button", { name: /No excerpt/ })).toHaveCount(0);

  await list.getByRole("button", { name: /no alt text/ }).click();
  const imageTools = page.getByRole("group", { name: "Image", exact: true });
  await expect(imageTools).toBeVisible();
  await expect(editor.body.locator("img.ProseMirror-selectednode")).toHaveAttribute("src", /latency-budget/);
  await expect(imageTools.getByLabel("Alt text")).toHaveValue("");

  await list.getByRole("button", { name: /heading jumps/ }).click();
  await expect(editor.body).toBeFocused();
  // The cursor is at the start of the offending heading: what is typed lands there.
  await page.keyboard.type("Z");
  await expect(editor.body.locator("h4")).toHaveText("ZDeep detail");
  await page.keyboard.press("Backspace");
  await expect(editor.body.locator("h4")).toHaveText("Deep detail");

  // Warnings only: the post publishes with two still open.
  await expect(toggle).toHaveText("Checklist · 2 to review");
  await editor.publishButton.click();
  await expect(editor.status).toHaveText("Published.");
  await expect(toggle).toHaveCount(0);
});
