import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { createUser } from "./support/factories";

test("/admin while signed out goes to sign-in, and back after signing in", async ({ page }) => {
  const user = await createUser("EDITOR");
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin/);
  await new LoginPage(page).signIn(user.email, user.password);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Posts" })).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  const user = await createUser("AUTHOR");
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(user.email, "not-the-password");
  await expect(login.error).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);
  await expect(login.email).toHaveValue(user.email);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login/);
});

test("an unknown email gets the same message as a wrong password", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn("nobody@quire.test", "whatever-password");
  await expect(login.error).toHaveText("Wrong email or password.");
});

test("signing out ends the session, including copies of its cookie", async ({ page, browser }) => {
  const user = await createUser("AUTHOR");
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(user.email, user.password);
  await expect(page).toHaveURL(/\/admin$/);
  const copied = await page.context().storageState();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login/);

  // A copy of the old cookie (another device, or a stolen one) no longer opens the admin, and does
  // not trap the browser between /login and /admin either.
  const replay = await browser.newContext({ storageState: copied });
  const replayPage = await replay.newPage();
  await replayPage.goto("/admin");
  await expect(replayPage).toHaveURL(/\/login/);
  await expect(new LoginPage(replayPage).submit).toBeVisible();
  await replay.close();
});

test("sign-in works without JavaScript", async ({ browser }) => {
  const user = await createUser("EDITOR");
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await new LoginPage(page).signIn(user.email, user.password);
  // The admin itself streams and needs JavaScript (the editor does); signing in does not.
  await expect(page).toHaveURL(/\/admin$/);
  expect((await context.cookies()).some((cookie) => cookie.name === "quire.session-token")).toBe(true);
  await context.close();
});

test("repeated wrong passwords for one address are throttled", async ({ page }) => {
  const user = await createUser("AUTHOR");
  const login = new LoginPage(page);
  for (let attempt = 0; attempt < 10; attempt++) {
    // A fresh form each time, so no answer is mistaken for the previous attempt's.
    await login.goto();
    await login.signIn(user.email, `wrong-${attempt}`);
    await expect(login.error).toHaveText("Wrong email or password.");
  }
  await login.goto();
  await login.signIn(user.email, user.password);
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed attempts" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});
