import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { LoginPage } from "../pages/login-page";
import { createPost, createUser, type StaffRole, type TestUser } from "./factories";
import { testDb } from "./db";

const unique = () => randomUUID().slice(0, 8);

/** A tag no other test uses: "<name> <id>", slug "<name>-<id>". */
export async function createStaffTag(name = "Topic", description: string | null = null) {
  const label = `${name} ${unique()}`;
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return testDb().tag.create({ data: { name: label, slug, description }, select: { id: true, slug: true, name: true } });
}

/** A staff member whose slug (author page address) is known. */
export async function createStaffMember(role: StaffRole, name?: string): Promise<TestUser & { slug: string }> {
  const user = await createUser(role, name ?? `${role.charAt(0)}${role.slice(1).toLowerCase()} ${unique()}`);
  const { slug } = await testDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { slug: true } });
  return { ...user, slug };
}

/** A post (published unless said otherwise) carrying these tags in order. */
export async function createPostWithTags(options: { authorId: string; title?: string; status?: "DRAFT" | "PUBLISHED"; tagIds?: string[] }) {
  const post = await createPost({ authorId: options.authorId, title: options.title ?? `Post ${unique()}`, status: options.status ?? "PUBLISHED" });
  const tagIds = options.tagIds ?? [];
  if (tagIds.length > 0) await testDb().postTag.createMany({ data: tagIds.map((tagId, position) => ({ postId: post.id, tagId, position })) });
  return post;
}

/** A new browser context signed in as `user` through the sign-in form. */
export async function signedInContext(browser: Browser, user: TestUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: undefined });
  const page = await context.newPage();
  await page.goto("/login");
  await new LoginPage(page).signIn(user.email, user.password);
  await expect(page).toHaveURL(/\/admin$/);
  return { context, page };
}

export interface Fetched {
  status: number;
  /** Next's `x-nextjs-cache` header: HIT when the page came from its cache. */
  cache: string | undefined;
  body: string;
  /** Whether the server answered from its page response cache (only its replays carry an ETag). */
  replayed: boolean;
}

/** A GET through `request` (give it a context without cookies to read as a reader); redirects are not followed. */
export async function fetchPage(request: APIRequestContext, path: string): Promise<Fetched> {
  const response = await request.get(path, { maxRedirects: 0 });
  const headers = response.headers();
  return { status: response.status(), cache: headers["x-nextjs-cache"], body: await response.text(), replayed: headers.etag !== undefined };
}

/** Requests `path` until Next serves it from its cache; returns that cached response, which must be the page (200). */
export async function warm(request: APIRequestContext, path: string): Promise<Fetched> {
  let last: Fetched | undefined;
  await expect
    .poll(async () => {
      last = await fetchPage(request, path);
      return last.cache;
    }, { message: `${path} is never served from the cache` })
    .toBe("HIT");
  // A cached 404 is a HIT too; a test that warms a page means the page itself.
  expect(last!.status, `${path} is cached, but as a ${last!.status}`).toBe(200);
  return last!;
}
