/**
 * Where a first visit of the post editor spends its time until the editor is editable, in Debian's
 * Chromium against a running Quire server and its database:
 *
 *   DATABASE_URL=postgresql://postgres@localhost:5432/<db> npx tsx bench/editor-first-visit.ts --url http://localhost:3121 [--rounds 3] [--cpu-profile prefix]
 *
 * Creates a staff user and the long post of bench/editor-typing.ts, then for each round signs in from a
 * new browser context (an empty cache) and opens the editor, reporting: editable after navigation, the
 * response's first and last byte, DOMContentLoaded, load, each script's request span, and the long tasks
 * (over 50 ms) before the editor became editable. --cpu-profile writes V8's sampling profile of each
 * round to <prefix>-<round>.cpuprofile (it slows the page down: compare profiles with each other).
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { hash } from "@node-rs/argon2";
import { chromium } from "@playwright/test";
import { testDb } from "../e2e/support/db";
import { createLongPost } from "../e2e/support/long-post";

const { values } = parseArgs({
  options: { url: { type: "string", default: "http://localhost:3000" }, rounds: { type: "string", default: "3" }, "cpu-profile": { type: "string" } },
});
const baseUrl = values.url!;
if (!["localhost", "127.0.0.1"].includes(new URL(baseUrl).hostname)) throw new Error("Benchmarks run against this machine only.");
if (!process.env.DATABASE_URL || !/@(localhost|127\.0\.0\.1)[:/]/.test(process.env.DATABASE_URL)) {
  throw new Error("DATABASE_URL must name the local database of the server under test.");
}

/** Installed before any page script: keeps the page's long tasks. */
function recordLongTasks() {
  const w = window as unknown as { __longTasks: string[] };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__longTasks.push(`${entry.startTime.toFixed(0)}+${entry.duration.toFixed(0)}`);
  }).observe({ type: "longtask", buffered: true });
}

const email = `bench-${randomUUID().slice(0, 8)}@quire.test`;
const password = `pw-${randomUUID()}`;
const user = await testDb().user.create({ data: { email, name: "Bench Writer", slug: email.split("@")[0]!, role: "AUTHOR", passwordHash: await hash(password) } });
const post = await createLongPost(user.id, { words: 20000, codeBlocks: 40, tables: 10, images: 10 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  console.log(`Editor first visits on ${baseUrl} (ms after navigation start):`);
  for (let round = 0; round < Number(values.rounds); round += 1) {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(recordLongTasks);
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/admin$/);
    const cdp = values["cpu-profile"] ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    await page.goto(`/admin/posts/${post.id}`);
    await page.locator('[aria-label="Post body"][contenteditable="true"]').waitFor();
    if (cdp) writeFileSync(`${values["cpu-profile"]}-${round}.cpuprofile`, JSON.stringify((await cdp.send("Profiler.stop")).profile));
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((entry) => entry.initiatorType === "script");
      return {
        editable: performance.now(),
        firstByte: nav.responseStart,
        lastByte: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        scripts: scripts.map((entry) => `${entry.name.split("/").pop()} ${entry.startTime.toFixed(0)}-${entry.responseEnd.toFixed(0)}`),
        longTasks: (window as unknown as { __longTasks: string[] }).__longTasks,
      };
    });
    console.log(`  editable ${t.editable.toFixed(0)}; response ${t.firstByte.toFixed(0)}-${t.lastByte.toFixed(0)}; DOMContentLoaded ${t.domContentLoaded.toFixed(0)}; load ${t.load.toFixed(0)}`);
    console.log(`    long tasks (start+duration): ${t.longTasks.join(", ")}`);
    console.log(`    scripts: ${t.scripts.join(", ")}`);
    await context.close();
  }
} finally {
  await browser.close();
  await testDb().post.delete({ where: { id: post.id } });
  await testDb().user.delete({ where: { id: user.id } });
  await testDb().$disconnect();
}
