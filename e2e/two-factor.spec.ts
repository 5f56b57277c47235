import { expect, test, type Page } from "@playwright/test";
import { generateSync } from "otplib";
import { LoginPage } from "./pages/login-page";
import { createStaffMember } from "./support/staff";

test.use({ storageState: { cookies: [], origins: [] } });

/** The current code for a secret, as the person's authenticator app would show it. */
const codeNow = (secret: string, offsetSeconds = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

/** A code for a different 30-second step than any used so far (the same step is refused as a replay). */
async function freshCode(secret: string, used: Set<string>): Promise<string> {
  for (;;) {
    const code = codeNow(secret);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

async function signOut(page: Page) {
  await page.context().clearCookies();
}

const pendingCookie = async (page: Page) => (await page.context().cookies()).find((c) => c.name === "quire.two-factor-pending");

test("enrol, then sign in with a code and with a recovery code (used once); wrong codes refused", async ({ page }) => {
  test.setTimeout(180_000);
  const user = await createStaffMember("AUTHOR");
  const used = new Set<string>();

  await page.goto("/login");
  await new LoginPage(page).signIn(user.email, user.password);
  await expect(page).toHaveURL(/\/admin$/);

  await page.goto("/admin/profile");
  await page.getByRole("link", { name: "Two-factor sign-in" }).click();
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" }).locator("svg")).toBeVisible();
  await page.screenshot({ path: "/tmp/totp-enrol.png" });

  await page.getByLabel("Code from the app").fill("000000" === codeNow(secret) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not right" })).toBeVisible();
  await page.getByLabel("Code from the app").fill(await freshCode(secret, used));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);

  // Password alone gives no session: the code step, and the admin stays closed.
  await signOut(page);
  await page.goto("/login");
  await new LoginPage(page).signIn(user.email, user.password);
  await expect(page).toHaveURL(/\/two-factor/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login/);

  await page.goto("/login");
  await new LoginPage(page).signIn(user.email, user.password);
  await expect(page).toHaveURL(/\/two-factor/);
  await page.getByLabel("Authentication code").fill("000000" === codeNow(secret) ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not right" })).toBeVisible();
  expect(await pendingCookie(page)).toBeDefined();
  await page.getByLabel("Authentication code").fill(await freshCode(secret, used));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  // The second step's token goes once the sign-in is complete.
  expect(await pendingCookie(page)).toBeUndefined();

  // Abandoned after the password: going back to the password form and signing in again replaces it.
  await signOut(page);
  await page.goto("/login");
  await new LoginPage(page).signIn(user.email, user.password);
  await expect(page).toHaveURL(/\/two-factor/);
  const abandoned = (await pendingCookie(page))?.value;
  expect(abandoned).toBeDefined();
  await page.getByRole("link", { name: "Start again" }).click();
  await new LoginPage(page).signIn(user.email, "not the password at all");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  expect(await pendingCookie(page)).toBeUndefined();

  // A recovery code signs in once.
  for (const attempt of ["works", "refused"] as const) {
    await signOut(page);
    await page.goto("/login");
    await new LoginPage(page).signIn(user.email, user.password);
    await expect(page).toHaveURL(/\/two-factor/);
    await page.getByLabel("Authentication code").fill(codes[0]!);
    await page.getByRole("button", { name: "Verify" }).click();
    if (attempt === "works") await expect(page).toHaveURL(/\/admin$/);
    else await expect(page.getByRole("alert").filter({ hasText: "already used" })).toBeVisible();
  }
});
