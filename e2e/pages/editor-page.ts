import type { Page } from "@playwright/test";

export class EditorPage {
  constructor(private readonly page: Page) {}

  get title() {
    return this.page.getByRole("textbox", { name: "Title" });
  }

  get body() {
    return this.page.getByRole("textbox", { name: "Post body" });
  }

  get slug() {
    return this.page.getByLabel("Slug");
  }

  get excerpt() {
    return this.page.getByLabel("Excerpt");
  }

  get tags() {
    return this.page.getByLabel("Tags");
  }

  get saveDraft() {
    return this.page.getByRole("button", { name: "Save draft" });
  }

  get update() {
    return this.page.getByRole("button", { name: "Update" });
  }

  get publishButton() {
    return this.page.getByRole("button", { name: "Publish" });
  }

  get unpublishButton() {
    return this.page.getByRole("button", { name: "Unpublish" });
  }

  get deleteButton() {
    return this.page.getByRole("button", { name: "Delete" });
  }

  get status() {
    return this.page.getByRole("status");
  }

  get error() {
    return this.page.getByRole("alert").filter({ hasNotText: /^$/ }).filter({ hasText: /\w/ });
  }


  tool(name: string) {
    return this.page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name, exact: true });
  }

  async openNew() {
    await this.page.goto("/admin/posts/new");
  }

  async open(id: string) {
    await this.page.goto(`/admin/posts/${id}`);
  }
}
