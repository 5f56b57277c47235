import { expect, test } from "@playwright/test";
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
