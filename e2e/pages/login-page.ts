import type { Page } from "@playwright/test";

export class LoginPage {
  constructor(private readonly page: Page) {}

  get email() {
    return this.page.getByLabel("Email");
  }

  get password() {
    return this.page.getByLabel("Password");
  }

  get submit() {
    return this.page.getByRole("button", { name: "Sign in" });
  }

  get error() {
    return this.page.getByRole("alert").filter({ hasText: /password|email/i });
  }


  async goto() {
    await this.page.goto("/login");
  }

  async signIn(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }
}
