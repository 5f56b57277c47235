import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test as setup, expect } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { testDb } from "./support/db";
import { createUser } from "./support/factories";
import { AUTH_DIR, storageStatePath } from "./support/users";

setup("sign in one user per role", async ({ browser }) => {
  mkdirSync(AUTH_DIR, { recursive: true });
  // Every request of the suite comes from one address, and its failed sign-ins count against it for an
  // hour: a run on a database an earlier run used must not start half-way to a lock-out.
  await testDb().$executeRaw`DELETE FROM sign_in_throttle`;
  const users = {
    admin: await createUser("ADMIN", "Ada Admin"),
    author: await createUser("AUTHOR", "Arthur Author"),
    contributor: await createUser("CONTRIBUTOR", "Cora Contributor"),
  };
  for (const [role, user] of Object.entries(users) as [keyof typeof users, (typeof users)["admin"]][]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(user.email, user.password);
    await expect(page).toHaveURL(/\/admin$/);
    await context.storageState({ path: storageStatePath(role) });
    await context.close();
  }
  writeFileSync(path.join(AUTH_DIR, "users.json"), JSON.stringify(users, null, 2));
});
