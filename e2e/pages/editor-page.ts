import { expect, type Page } from "@playwright/test";

/**
 * The post editor. Next keeps previously shown routes mounted but hidden, so every locator is limited
 * to visible elements.
 */
export class EditorPage {
  constructor(private readonly page: Page) {}

  get title() {
    return this.page.getByRole("textbox", { name: "Title", exact: true }).filter({ visible: true });
  }

  get body() {
    return this.page.getByRole("textbox", { name: "Post body" }).filter({ visible: true });
  }

  get slug() {
    return this.page.getByLabel("Slug").filter({ visible: true });
  }

  get excerpt() {
    return this.page.getByLabel("Excerpt").filter({ visible: true });
  }

  get tags() {
    return this.page.getByLabel("Tags").filter({ visible: true });
  }

  get saveDraft() {
    return this.page.getByRole("button", { name: "Save draft" }).filter({ visible: true });
  }

  get update() {
    return this.page.getByRole("button", { name: "Update" }).filter({ visible: true });
  }

  get publishButton() {
    return this.page.getByRole("button", { name: "Publish" }).filter({ visible: true });
  }

  get unpublishButton() {
    return this.page.getByRole("button", { name: "Unpublish" }).filter({ visible: true });
  }

  get deleteButton() {
    return this.page.getByRole("button", { name: "Delete" }).filter({ visible: true });
  }

  get status() {
    return this.page.getByRole("status").filter({ visible: true });
  }

  get error() {
    return this.page.getByRole("alert").filter({ hasNotText: /^$/ }).filter({ hasText: /\w/ }).filter({ visible: true });
  }


  /** "Saving…", "Unsaved changes", "Saved 12:04": the save bar's short state, next to the status badge. */
  get saveState() {
    return this.page.locator("[data-save-state]").filter({ visible: true });
  }

  get toolbar() {
    return this.page.getByRole("toolbar", { name: "Formatting" }).filter({ visible: true });
  }

  get linkForm() {
    return this.page.getByRole("group", { name: "Link" }).filter({ visible: true });
  }

  get linkUrl() {
    return this.linkForm.getByLabel("Link URL");
  }

  /**
   * The checkbox ("Done") of the task item whose first line is `text`: the innermost item, so a nested
   * task's box is never its parent's.
   */
  taskCheckbox(text: string) {
    return this.body.getByText(text, { exact: true }).locator("xpath=ancestor::li[@data-type='taskItem'][1]/label/input[@type='checkbox']");
  }

  /** The task item whose first line is `text` (the innermost one). */
  taskItem(text: string) {
    return this.body.getByText(text, { exact: true }).locator("xpath=ancestor::li[@data-type='taskItem'][1]");
  }

  tool(name: string) {
    return this.page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name, exact: true }).filter({ visible: true });
  }

  /** Starts a new post from the post list, as staff do; resolves once its editor is open. */
  async openNew() {
    await this.page.goto("/admin");
    await this.page.getByRole("button", { name: "New post" }).click();
    await this.page.waitForURL(/\/admin\/posts\/[a-z0-9]+$/);
    await this.ready();
  }

  async open(id: string) {
    await this.page.goto(`/admin/posts/${id}`);
    await this.ready();
  }

  /**
   * Waits until the page has hydrated, as a writer sees it: the body becomes editable only then (the
   * editor mounts on the client). What is typed into a server-rendered field before that is lost to
   * React's state, so a test typing at once would fail only when the machine is slow.
   */
  async ready() {
    await expect(this.body).toBeEditable({ timeout: 30_000 });
  }
}
