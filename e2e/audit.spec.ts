import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { createPost, createUser } from "./support/factories";
import { signedInContext } from "./support/staff";

test("an administrator publishes a post and finds it, with their sign-in, in the audit log", async ({ browser }) => {
  const admin = await createUser("ADMIN");
  const post = await createPost({ authorId: admin.id, title: `Audited ${randomUUID().slice(0, 8)}` });
  const { context, page } = await signedInContext(browser, admin);
  const editor = new EditorPage(page);
  await page.goto(`/admin/posts/${post.id}`);
  await editor.publishButton.click();
  await expect(editor.status).toHaveText("Published.");

  // Filtered through the GET form, as it works without JavaScript.
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await page.getByLabel("Actor").fill(admin.email);
  await page.getByLabel("Action").selectOption("post.publish");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=post\.publish/);
  const rows = page.getByRole("table", { name: "Audit log entries" }).getByRole("row");
  await expect(rows.filter({ hasText: post.title })).toHaveCount(1);
  await expect(rows.filter({ hasText: "post.publish" }).first()).toContainText(admin.email);

  await page.goto(`/admin/audit?actor=${encodeURIComponent(admin.email)}&action=auth.sign_in`);
  await expect(rows.filter({ hasText: "auth.sign_in" })).toHaveCount(1);
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: "/tmp/audit-log-390.png", fullPage: true });
  await context.close();
});

test("an editor gets the not-found page for the audit log", async ({ browser }) => {
  const editor = await createUser("EDITOR");
  const { context, page } = await signedInContext(browser, editor);
  // The page streams, so the status stays 200 like the staff pages'; what the editor gets is the not-found page.
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Audit log entries" })).toHaveCount(0);
  await context.close();
});
