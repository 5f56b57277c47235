import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { testDb } from "./support/db";
import { createStaffMember } from "./support/staff";
import { storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("admin") });

test("wrong passwords lock an account out; an administrator sees the lock-out on the staff page and lifts it", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const user = await createStaffMember("AUTHOR");
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const theirPage = await theirs.newPage();
  const login = new LoginPage(theirPage);
  for (let attempt = 0; attempt < 5; attempt++) {
    await login.goto();
    await login.signIn(user.email, `not-it-${attempt}`);
    await expect(login.error).toHaveText("Wrong email or password.");
  }
  await login.goto();
  await login.signIn(user.email, user.password);
  await expect(theirPage.getByRole("alert").filter({ hasText: "Too many failed sign-in attempts" })).toBeVisible();

  await page.goto("/admin/staff");
  const row = page.getByTestId("lockout-row").filter({ hasText: user.email });
  await expect(row).toContainText(user.name);
  await page.screenshot({ path: "/tmp/lockouts-desktop.png", fullPage: true });
  await row.getByRole("button", { name: `Unlock ${user.email}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Unlocked" })).toBeVisible();
  await expect(page.getByTestId("lockout-row").filter({ hasText: user.email })).toHaveCount(0);

  await login.goto();
  await login.signIn(user.email, user.password);
  await expect(theirPage).toHaveURL(/\/admin$/);
  await theirs.close();

  const audit = await testDb().auditEntry.findMany({ where: { targetLabel: user.email.toLowerCase(), action: { in: ["auth.lockout", "auth.unlock"] } }, select: { action: true } });
  expect(audit.map((entry) => entry.action).sort()).toEqual(["auth.lockout", "auth.unlock"]);
});

test.describe("as an author", () => {
  test.use({ storageState: storageStatePath("author") });

  test("sees no lock-outs and cannot reach the staff page", async ({ page }) => {
    const response = await page.goto("/admin/staff");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect(response?.status()).not.toBe(500);
    await expect(page.getByRole("heading", { name: "Sign-in lock-outs" })).toHaveCount(0);
  });
});
