/**
 * PostgreSQL goes down under a running instance (issue 12): pages it has cached keep being served, pages
 * it has not answer 503 with Retry-After (a temporary outage, which crawlers do not record as an error),
 * /readyz says not ready while /healthz says alive, and a save in the editor says the database cannot be
 * reached, saves nothing and keeps the text. When the database returns, everything works again.
 *
 * The database is an embedded one (PGlite on a loopback port, scripts/db/embedded.mjs) that this test
 * starts and stops; the machine's PostgreSQL, which other suites use, is never touched.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { EditorPage } from "../pages/editor-page";
import { LoginPage } from "../pages/login-page";
import { startEmbeddedPostgres } from "../../scripts/db/embedded.mjs";
import { applyMigrations } from "../../scripts/db/migrate";
import { clusterPorts, isListening } from "./stack";

test.describe.configure({ mode: "serial" });

const root = path.resolve(import.meta.dirname, "..", "..");
const appPort = clusterPorts().appA + 10;
const databasePort = appPort + 1;
const origin = `http://localhost:${appPort}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "quire-outage-"));
const staff = { email: "outage-admin@quire.test", password: `pw-${Date.now()}-outage` };

let database: { url: string; stop(): Promise<void> } | undefined;
let app: ChildProcess | undefined;
let cachedPost = "";
let uncachedPost = "";
let postId = "";

const startDatabase = async () => {
  database = await startEmbeddedPostgres({ dataDir, port: databasePort });
};

async function status(pathname: string): Promise<{ status: number; retryAfter: string | null; body: string }> {
  const response = await fetch(origin + pathname, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.text() };
}

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  await startDatabase();
  await applyMigrations(database!.url);
  // The demo site, as a fresh install has it, plus an administrator to sign in with.
  const seed = spawn("npx", ["tsx", "--conditions=react-server", "bench/seed.ts", "demo"], { cwd: root, env: { ...process.env, DATABASE_URL: database!.url }, stdio: "inherit" });
  expect(await new Promise((resolve) => seed.once("exit", resolve))).toBe(0);
  const client = new pg.Client({ connectionString: database!.url });
  await client.connect();
  try {
    await client.query("INSERT INTO users (id, email, name, slug, password_hash, role, updated_at) VALUES ('outage-admin', $1, 'Outage Admin', 'outage-admin', $2, 'ADMIN', now())", [
      staff.email,
      await hash(staff.password),
    ]);
    const { rows } = await client.query<{ id: string; slug: string }>("SELECT id, slug FROM posts WHERE status = 'PUBLISHED' ORDER BY published_at DESC LIMIT 2");
    [cachedPost, uncachedPost, postId] = [`/blog/${rows[0]!.slug}`, `/blog/${rows[1]!.slug}`, rows[0]!.id];
  } finally {
    await client.end();
  }
  // One instance on its own: no Redis, no cache in front, files on disk.
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database!.url, SITE_URL: origin, AUTH_URL: `${origin}/api/auth`, PORT: String(appPort), QUIRE_CACHE_DIR: path.join(dataDir, "cache"), MEDIA_DIR: path.join(dataDir, "media") };
  for (const name of ["REDIS_URL", "EDGE_PURGE_URLS", "MEDIA_STORAGE"]) delete env[name];
  app = spawn(process.execPath, ["scripts/server.mjs", "--port", String(appPort), "--hostname", "localhost"], { cwd: root, stdio: "inherit", env });
  await expect.poll(() => isListening(appPort), { timeout: 90_000 }).toBe(true);
});

test.afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app!.once("exit", resolve));
    app.kill("SIGTERM");
    await exited;
  }
  await database?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("with PostgreSQL down, cached pages are served, others answer 503, and a save says so and keeps the text", async ({ page }) => {
  // Cached while the database is up: the home page, a post, the feed.
  // Asked twice: the second answer comes from the cache, which the outage must not reach.
  for (const pathname of ["/", cachedPost, "/rss.xml", "/", cachedPost, "/rss.xml"]) expect((await status(pathname)).status, pathname).toBe(200);
  const login = new LoginPage(page);
  await page.goto(`${origin}/login`);
  await login.signIn(staff.email, staff.password);
  await expect(page).toHaveURL(/\/admin$/);
  const editor = new EditorPage(page);
  await page.goto(`${origin}/admin/posts/${postId}`);
  await editor.ready();

  await database!.stop();
  database = undefined;

  for (const pathname of ["/", cachedPost, "/rss.xml"]) expect((await status(pathname)).status, pathname).toBe(200);
  const uncached = await status(uncachedPost);
  expect(uncached.status).toBe(503);
  expect(uncached.retryAfter).toBe("30");
  expect(uncached.body).toContain('<html lang="en"');
  expect(uncached.body).toContain("Please try again in a minute.");
  expect((await status("/readyz")).status).toBe(503);
  expect((await status("/healthz")).status).toBe(200);

  // The writer's text stays in the editor, and the message says why nothing was saved.
  await editor.body.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Written during the outage.");
  await editor.update.click();
  await expect(editor.error).toContainText("The database cannot be reached right now, so nothing was saved.");
  await expect(editor.body).toContainText("Written during the outage.");

  // Back: the same save goes through, and the page that failed is served.
  await startDatabase();
  await expect.poll(async () => (await status("/readyz")).status, { timeout: 30_000 }).toBe(200);
  await editor.update.click();
  await expect(editor.status).toHaveText(/Updated/);
  await expect.poll(async () => (await status(cachedPost)).body, { timeout: 10_000 }).toContain("Written during the outage.");
  expect((await status(uncachedPost)).status).toBe(200);
});
