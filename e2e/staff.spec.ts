import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { expectAccessibleAndShoot } from "./support/a11y";
import { testDb } from "./support/db";
import { createUser } from "./support/factories";
import { forgetResetRequestsFromHere } from "./support/db";
import { linkPath, waitForMail } from "./support/mail";
import { signedInContext } from "./support/staff";

const unique = () => randomUUID().slice(0, 8);
const PASSPHRASE = "amber quarry whistles softly";

async function acceptInvitation(page: Page, path: string, name: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Join the staff" })).toBeVisible();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("New password").fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "too easy to guess" })).toBeVisible();
  await page.getByLabel("New password").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

test("an administrator invites an editor, who accepts through the link shown and through the e-mail", async ({ browser }) => {
  const admin = await createUser("ADMIN");
  const { context, page } = await signedInContext(browser, admin);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/admin/staff");
    await expect(page.getByRole("heading", { name: "Staff", exact: true })).toBeVisible();
    await page.screenshot({ path: `/tmp/audit-staff-list-${width}.png`, fullPage: true });
  }
  const email = `invitee-${unique()}@quire.test`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("EDITOR");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitation e-mailed to ${email}` })).toBeVisible();
  await page.getByText("Show the link instead").click();
  const shown = await page.getByLabel(`Invitation link for ${email}`).inputValue();
  await expect(page.getByRole("region", { name: "Pending invitations" }).getByText(email)).toBeVisible();
  await expect(page.getByRole("button", { name: "Send invitation" })).toBeEnabled();
  await page.screenshot({ path: "/tmp/audit-staff-invite-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: "/tmp/audit-staff-invite-390.png", fullPage: true });

  const mail = await waitForMail(email);
  expect(mail.subject).toContain(admin.name);
  const path = linkPath(mail, "/invite/");
  expect(new URL(shown).pathname).toBe(path);

  const invitee = await browser.newContext({ storageState: undefined });
  const inviteePage = await invitee.newPage();
  await acceptInvitation(inviteePage, path, "Edith Editor");
  await expect(inviteePage.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Staff" })).toBeVisible();
  const user = await testDb().user.findUniqueOrThrow({ where: { email } });
  expect(user).toMatchObject({ role: "EDITOR", name: "Edith Editor" });

  await inviteePage.goto(path);
  await expect(inviteePage.getByRole("alert").filter({ hasText: "already been used" })).toBeVisible();
  await inviteePage.goto("/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(inviteePage.getByRole("alert").filter({ hasText: "not valid" })).toBeVisible();
  await invitee.close();
  await context.close();
});

test("a role change applies at once in the other person's open browser; suspension ends their session on the next request", async ({ browser }) => {
  const admin = await createUser("ADMIN");
  const editor = await createUser("EDITOR");
  const theirs = await signedInContext(browser, editor);
  await theirs.page.goto("/admin/staff");
  await expect(theirs.page.getByRole("heading", { name: "Staff", exact: true })).toBeVisible();

  const mine = await signedInContext(browser, admin);
  await mine.page.goto(`/admin/staff/${editor.id}`);
  await mine.page.getByLabel("Role").selectOption("AUTHOR");
  await mine.page.getByRole("button", { name: "Change role" }).click();
  await expect(mine.page.getByRole("status").filter({ hasText: "is now Author" })).toBeVisible();

  await theirs.page.reload();
  await expect(theirs.page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(theirs.page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Staff" })).toHaveCount(0);

  mine.page.once("dialog", (dialog) => dialog.accept());
  await mine.page.getByRole("button", { name: `Suspend ${editor.name}` }).click();
  await expect(mine.page.getByRole("status").filter({ hasText: "suspended and signed out everywhere" })).toBeVisible();
  await theirs.page.goto("/admin");
  await expect(theirs.page).toHaveURL(/\/login/);
  // A wrong password gets the answer any account gets; only the right one learns of the suspension.
  const login = new LoginPage(theirs.page);
  await login.signIn(editor.email, `${editor.password}x`);
  await expect(theirs.page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await login.signIn(editor.email, editor.password);
  await expect(theirs.page.getByRole("alert").filter({ hasText: "Your account was suspended" })).toBeVisible();
  await expect(theirs.page).toHaveURL(/\/login/);
  await theirs.context.close();
  await mine.context.close();
});

test("a forgotten password is reset through the e-mailed link, which works once", async ({ browser }) => {
  await forgetResetRequestsFromHere();
  const author = await createUser("AUTHOR");
  const context = await browser.newContext({ storageState: undefined });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  // Once /login has hydrated the link navigates on the client, and the sign-in page (with its own Email
  // field) stays on screen until the new page arrives: typing then went into the sign-in form and was
  // gone with it. Wait for the page a person would wait for. Whether or not it has hydrated yet does
  // not matter: the form also works as a plain POST (tested below without JavaScript).
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(author.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText(`If ${author.email} belongs to a staff account`);
  // The same answer for an address nobody uses.
  await page.goto("/forgot-password");
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(`nobody-${unique()}@quire.test`);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("belongs to a staff account");

  const path = linkPath(await waitForMail(author.email), "/reset-password/");
  await page.goto(path);
  await page.getByLabel("New password").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto(path);
  await expect(page.getByRole("alert").filter({ hasText: "already been used" })).toBeVisible();
  await context.close();
});

test("a reset link can be asked for without JavaScript, as before the page has hydrated", async ({ browser }) => {
  await forgetResetRequestsFromHere();
  const author = await createUser("AUTHOR");
  const context = await browser.newContext({ storageState: undefined, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(author.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText(`If ${author.email} belongs to a staff account`);
  expect(linkPath(await waitForMail(author.email), "/reset-password/")).toMatch(/^\/reset-password\//);
  await context.close();
});

test.describe("lesser roles and signed-out visitors", () => {
  test("authors and contributors get the not-found page for staff pages and no Staff link", async ({ browser }) => {
    for (const role of ["AUTHOR", "CONTRIBUTOR"] as const) {
      const user = await createUser(role);
      const other = await createUser("CONTRIBUTOR");
      const { context, page } = await signedInContext(browser, user);
      await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Staff" })).toHaveCount(0);
      for (const path of ["/admin/staff", `/admin/staff/${other.id}`]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      }
      await context.close();
    }
  });

  test("an editor cannot manage an administrator: the page shows no controls", async ({ browser }) => {
    const editor = await createUser("EDITOR");
    const admin = await createUser("ADMIN");
    const { context, page } = await signedInContext(browser, editor);
    await page.goto(`/admin/staff/${admin.id}`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await context.close();
  });

  test("an editor edits the profile and photo of an author they manage", async ({ browser }) => {
    const editor = await createUser("EDITOR");
    const author = await createUser("AUTHOR");
    const { context, page } = await signedInContext(browser, editor);
    await page.goto(`/admin/staff/${author.id}`);
    const profile = page.getByRole("region", { name: "Profile", exact: true });
    const bio = `Writes about queues ${unique()}.`;
    await profile.getByLabel("Bio").fill(bio);
    await profile.getByRole("button", { name: "Save profile" }).click();
    await expect(profile.getByText(/^Profile saved\./)).toBeVisible();
    await expect(profile.getByRole("region", { name: "Profile photo" })).toBeVisible();
    await expectAccessibleAndShoot(page, "staff-editor-edits-author-profile");
    expect((await testDb().user.findUniqueOrThrow({ where: { id: author.id } })).bio).toBe(bio);
    await context.close();
  });

  test("signed out, staff pages send to the sign-in page", async ({ browser }) => {
    const context = await browser.newContext({ storageState: undefined });
    const page = await context.newPage();
    await page.goto("/admin/staff");
    await expect(page).toHaveURL(/\/login/);
    await context.close();
  });
});
