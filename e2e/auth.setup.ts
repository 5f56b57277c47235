import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test as setup, expect } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { createUser } from "./support/factories";
import { AUTH_DIR, storageStatePath } from "./support/users";

setup("sign in one user per role", async ({ browser }) => {
  mkdirSync(AUTH_DIR, { recursive: true });
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
