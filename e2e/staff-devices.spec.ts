import { expect, test } from "@playwright/test";
import { expectAccessibleAndShoot } from "./support/a11y";
import { createStaffMember, signedInContext } from "./support/staff";
import { storageStatePath } from "./support/users";

test.use({ storageState: storageStatePath("admin") });

test("an administrator sees a staff member's signed-in device and signs it out, ending their session", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const member = await createStaffMember("AUTHOR");
  const theirs = await signedInContext(browser, member);

  await page.goto(`/admin/staff/${member.id}`);
  const devices = page.getByRole("list", { name: "Signed-in devices" });
  await expect(devices.getByRole("listitem")).toHaveCount(1);
  await devices.getByRole("button", { name: /^Sign out / }).click();
  await expect(page.getByText("Not signed in anywhere.")).toBeVisible();

  await theirs.page.goto("/admin");
  await expect(theirs.page).toHaveURL(/\/login/);
  await theirs.context.close();
});

test("an editor signs an author out of all devices without seeing them, ending their session", async ({ browser }) => {
  test.setTimeout(120_000);
  const editor = await createStaffMember("EDITOR");
  const member = await createStaffMember("AUTHOR");
  const theirs = await signedInContext(browser, member);
  const { context, page } = await signedInContext(browser, editor);

  await page.goto(`/admin/staff/${member.id}`);
  const section = page.getByRole("region", { name: "Signed-in devices" });
  // The devices and their addresses are for administrators; signing out is for whoever manages the person.
  await expect(section.getByRole("button", { name: "Sign out of all devices" })).toBeVisible();
  await expect(section.getByRole("list", { name: "Signed-in devices" })).toHaveCount(0);
  await expectAccessibleAndShoot(page, "staff-sign-out-everywhere");
  await section.getByRole("button", { name: "Sign out of all devices" }).click();
  await expect(section.getByRole("status")).toHaveText("Signed out of all devices.");

  await theirs.page.goto("/admin");
  await expect(theirs.page).toHaveURL(/\/login/);
  await theirs.context.close();
  await context.close();
});
