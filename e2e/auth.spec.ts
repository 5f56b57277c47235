import { expect, test, type Browser } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { testDb } from "./support/db";
import { createUser, type TestUser } from "./support/factories";

const DAY = 24 * 60 * 60 * 1000;

/** Signs `user` in through the form in a fresh context. */
async function signedIn(browser: Browser, user: TestUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(user.email, user.password);
  await expect(page).toHaveURL(/\/admin$/);
  return { context, page };
}

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

test("repeated wrong passwords for one account from one address are throttled, even the right one after them", async ({ page }) => {
  const user = await createUser("AUTHOR");
  const login = new LoginPage(page);
  for (let attempt = 0; attempt < 5; attempt++) {
    // A fresh form each time, so no answer is mistaken for the previous attempt's.
    await login.goto();
    await login.signIn(user.email, `wrong-${attempt}`);
    await expect(login.error).toHaveText("Wrong email or password.");
  }
  await login.goto();
  await login.signIn(user.email, user.password);
  await expect(page.getByRole("alert").filter({ hasText: /Too many failed sign-in attempts\. Try again in (9|10) minutes\./ })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("the session endpoint gives a revoked session nothing and clears its cookie", async ({ browser }) => {
  const user = await createUser("EDITOR");
  const { context, page } = await signedIn(browser, user);
  const live = await context.request.get("/api/auth/session");
  expect((await live.json())?.user?.id).toBe(user.id);

  const copied = await context.storageState();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const replay = await browser.newContext({ storageState: copied });
  const answer = await replay.request.get("/api/auth/session");
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toBeNull();
  const cleared = answer.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("quire.session-token="));
  expect(cleared).toHaveLength(1);
  expect(cleared[0]!.value).toMatch(/^quire\.session-token=;/);
  expect(cleared[0]!.value).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
  expect((await replay.cookies()).some((cookie) => cookie.name === "quire.session-token")).toBe(false);
  await replay.close();
  await context.close();
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ browser }) => {
  const user = await createUser("AUTHOR");
  const { context } = await signedIn(browser, user);
  const cookie = (await context.cookies()).find((c) => c.name === "quire.session-token");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  await context.close();
});

test("a session ends after a week without requests, even on a copied cookie", async ({ browser }) => {
  const user = await createUser("AUTHOR");
  const { context, page } = await signedIn(browser, user);
  const copy = await browser.newContext({ storageState: await context.storageState() });
  await testDb().session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: new Date(Date.now() - 7 * DAY - 60_000) } });

  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login/);
  const copyPage = await copy.newPage();
  await copyPage.goto("/admin");
  await expect(copyPage).toHaveURL(/\/login/);
  await copy.close();
  await context.close();
});

test("a session ends at its absolute limit however busy it is", async ({ browser }) => {
  const user = await createUser("AUTHOR");
  const { context, page } = await signedIn(browser, user);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Posts" })).toBeVisible();
  await testDb().session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() } });
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

test("signing out of one browser leaves the user's other browsers signed in", async ({ browser }) => {
  const user = await createUser("AUTHOR");
  const first = await signedIn(browser, user);
  const second = await signedIn(browser, user);
  await first.page.getByRole("button", { name: "Sign out" }).click();
  await expect(first.page).toHaveURL(/\/login/);
  await second.page.goto("/admin");
  await expect(second.page.getByRole("heading", { level: 1, name: "Posts" })).toBeVisible();
  await first.context.close();
  await second.context.close();
});

test("after sign-in only paths on this site are followed", async ({ page }) => {
  const user = await createUser("EDITOR");
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/\\evil.example/admin")}`);
  await new LoginPage(page).signIn(user.email, user.password);
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/admin$/);
});

test("signed-in devices lists the user's browsers and signs one out at once", async ({ browser }) => {
  const user = await createUser("AUTHOR");
  const laptop = await signedIn(browser, user);
  const phone = await signedIn(browser, user);

  await laptop.page.goto("/admin/profile");
  await laptop.page.getByRole("link", { name: "Signed-in devices" }).click();
  await expect(laptop.page.getByRole("heading", { level: 1, name: "Signed-in devices" })).toBeVisible();
  const devices = laptop.page.getByRole("list", { name: "Signed-in devices" }).getByRole("listitem");
  await expect(devices).toHaveCount(2);
  await expect(devices.filter({ hasText: "This device" })).toHaveCount(1);

  await devices.filter({ hasNotText: "This device" }).getByRole("button", { name: /^Sign out/ }).click();
  await expect(devices).toHaveCount(1);
  await phone.page.goto("/admin");
  await expect(phone.page).toHaveURL(/\/login/);

  await laptop.page.goto("/admin");
  await expect(laptop.page.getByRole("heading", { level: 1, name: "Posts" })).toBeVisible();
  await laptop.context.close();
  await phone.context.close();
});

test("signing out all other devices keeps only this one", async ({ browser }) => {
  const user = await createUser("EDITOR");
  const here = await signedIn(browser, user);
  const others = [await signedIn(browser, user), await signedIn(browser, user)];
  await here.page.goto("/admin/profile/devices");
  await here.page.getByRole("button", { name: "Sign out all other devices" }).click();
  await expect(here.page.getByRole("list", { name: "Signed-in devices" }).getByRole("listitem")).toHaveCount(1);
  await expect(here.page.getByRole("button", { name: "Sign out all other devices" })).toHaveCount(0);
  for (const other of others) {
    await other.page.goto("/admin");
    await expect(other.page).toHaveURL(/\/login/);
    await other.context.close();
  }
  await here.context.close();
});
