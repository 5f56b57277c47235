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

test("signing out ends the session", async ({ page }) => {
  const user = await createUser("AUTHOR");
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(user.email, user.password);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login/);
});
