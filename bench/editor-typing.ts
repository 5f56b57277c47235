/**
 * Typing in the post editor on a long article, in Debian's Chromium through Playwright, against a running
 * Quire server and its database:
 *
 *   DATABASE_URL=postgresql://postgres@localhost:5432/<db> npx tsx bench/editor-typing.ts --url http://localhost:3121 [--words 20000] [--code-blocks 40] [--tables 10] [--images 10] [--keys 200] [--per-key] [--trace out.json] [--cpu-profile out.cpuprofile]
 *
 * Creates a staff user and a draft of --words words with --code-blocks code blocks, --tables tables and
 * --images images, signs in, and reports: the JavaScript the editor page loads (bytes as transferred,
 * compressed), time until the editor is editable after navigation, keystroke-to-next-paint p50/p95/max
 * while typing mid-document and inside a code block, the longest Event Timing duration seen for a key,
 * and the save round-trip. Keystroke-to-next-paint is measured in the page: from the keydown event's
 * timestamp to a task queued from the next animation frame, i.e. after that frame was painted (so it
 * includes waiting for the frame). The same keys typed into a bare textarea in the same browser give the
 * floor of that measure (waiting for the display's next frame alone), reported as the baseline. Main-thread work per key is the time from the keydown handler to a
 * message posted there, which runs after the key's events and the synchronous updates they caused.
 *
 * To find which keys make the tail: --per-key prints every key's figures in typing order, and --trace
 * records a Chromium trace of both typing phases (its main-thread tasks around each key are listed by
 * bench/editor-trace.ts); --cpu-profile records V8's sampling profile of both phases. Both cost time of
 * their own: measure without them.
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { hash } from "@node-rs/argon2";
import { chromium, type Page } from "@playwright/test";
import { testDb } from "../e2e/support/db";
import { createLongPost } from "../e2e/support/long-post";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:3000" },
    words: { type: "string", default: "20000" },
    "code-blocks": { type: "string", default: "40" },
    tables: { type: "string", default: "10" },
    images: { type: "string", default: "10" },
    keys: { type: "string", default: "200" },
    "key-interval": { type: "string", default: "60" },
    "per-key": { type: "boolean", default: false },
    trace: { type: "string" },
    "cpu-profile": { type: "string" },
  },
});
const baseUrl = values.url!;
const keys = Number(values.keys);
const keyInterval = Number(values["key-interval"]);
if (!["localhost", "127.0.0.1"].includes(new URL(baseUrl).hostname)) throw new Error("Benchmarks run against this machine only.");
if (!process.env.DATABASE_URL || !/@(localhost|127\.0\.0\.1)[:/]/.test(process.env.DATABASE_URL)) {
  throw new Error("DATABASE_URL must name the local database of the server under test.");
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1) ?? NaN };
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Installed before any page script: records keystroke-to-next-paint and Event Timing durations. */
function instrument() {
  const w = window as unknown as { __keyLatency: number[]; __keyWork: number[]; __eventDurations: number[] };
  w.__keyLatency = [];
  w.__keyWork = [];
  w.__eventDurations = [];
  document.addEventListener(
    "keydown",
    (event) => {
      const start = event.timeStamp;
      requestAnimationFrame(() => setTimeout(() => w.__keyLatency.push(performance.now() - start), 0));
      // The key's own work: keydown, keypress, input, ProseMirror's update and React's synchronous
      // render all run before a message posted now is delivered.
      const began = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => w.__keyWork.push(performance.now() - began);
      channel.port2.postMessage(null);
    },
    true,
  );
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name.startsWith("key")) w.__eventDurations.push(entry.duration);
  }).observe({ type: "event", durationThreshold: 16, buffered: true } as PerformanceObserverInit);
}

async function typeAndMeasure(page: Page, text: string) {
  await page.evaluate(() => {
    const w = window as unknown as { __keyLatency: number[]; __keyWork: number[]; __eventDurations: number[] };
    w.__keyLatency = [];
    w.__keyWork = [];
    w.__eventDurations = [];
    // Where the phase begins in a trace (bench/editor-trace.ts).
    performance.mark("typing:start");
  });
  for (const char of text) {
    await page.keyboard.type(char);
    await page.waitForTimeout(keyInterval);
  }
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    performance.mark("typing:end");
    const w = window as unknown as { __keyLatency: number[]; __keyWork: number[]; __eventDurations: number[] };
    return { latency: w.__keyLatency, work: w.__keyWork, durations: w.__eventDurations };
  });
}

async function main() {
  const email = `bench-${randomUUID().slice(0, 8)}@quire.test`;
  const password = `pw-${randomUUID()}`;
  const user = await testDb().user.create({
    data: { email, name: "Bench Writer", slug: email.split("@")[0]!, role: "AUTHOR", passwordHash: await hash(password) },
  });
  const post = await createLongPost(user.id, { words: Number(values.words), codeBlocks: Number(values["code-blocks"]), tables: Number(values.tables), images: Number(values.images) });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    await page.addInitScript(instrument);
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/admin$/);

    // The first visit of the editor, from a cold browser cache: every script it loads, as transferred.
    const scripts: Promise<number>[] = [];
    const onResponse = (response: import("@playwright/test").Response) => {
      if (response.request().resourceType() === "script") scripts.push(response.request().sizes().then((sizes) => sizes.responseBodySize));
    };
    page.on("response", onResponse);
    const editable = [];
    for (let round = 0; round < 3; round += 1) {
      await page.goto(`/admin/posts/${post.id}`);
      await page.locator('[aria-label="Post body"][contenteditable="true"]').waitFor();
      if (round === 0) page.off("response", onResponse);
      editable.push(await page.evaluate(() => performance.now()));
    }

    if (values.trace) {
      await browser.startTracing(page, {
        path: values.trace,
        categories: ["-*", "devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "v8", "v8.execute", "blink.user_timing", "disabled-by-default-v8.gc"],
      });
    }
    const cdp = values["cpu-profile"] ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
      await cdp.send("Profiler.start");
    }
    const body = page.locator('[aria-label="Post body"]');
    const paragraphs = body.locator(":scope > p");
    await paragraphs.nth(Math.floor((await paragraphs.count()) / 2)).click();
    await page.keyboard.press("End");
    const sentence = "the consumer falls behind when the producer keeps writing at full speed ";
    const prose = await typeAndMeasure(page, sentence.repeat(Math.ceil(keys / sentence.length)).slice(0, keys));

    const codeBlocks = body.locator(".code-block-editor");
    await codeBlocks.nth(Math.floor((await codeBlocks.count()) / 2)).locator("code").click();
    await page.keyboard.press("End");
    const code = await typeAndMeasure(page, "const lag = produced - consumed; ".repeat(Math.ceil(keys / 2 / 33)).slice(0, Math.ceil(keys / 2)));

    if (values.trace) await browser.stopTracing();
    if (cdp) {
      const { profile } = await cdp.send("Profiler.stop");
      writeFileSync(values["cpu-profile"]!, JSON.stringify(profile));
    }

    // The floor of the measure, in the same browser: the same keys typed into a bare textarea. A key waits
    // for the display's next frame (up to 16.7 ms at 60 Hz) before anything can paint it, however little
    // work it causes, so keystroke-to-next-paint is read against this.
    const baselinePage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await baselinePage.setContent('<!doctype html><title>Baseline</title><textarea aria-label="Baseline" rows="20" cols="80"></textarea>');
    await baselinePage.evaluate(instrument);
    await baselinePage.locator("textarea").click();
    const baseline = await typeAndMeasure(baselinePage, sentence.repeat(Math.ceil(keys / sentence.length)).slice(0, keys));
    await baselinePage.close();

    const saves = [];
    for (let round = 0; round < 3; round += 1) {
      await body.click();
      await page.keyboard.type("s");
      const started = Date.now();
      await page.getByRole("button", { name: "Save draft" }).click();
      await page.getByRole("status").filter({ hasText: "Draft saved." }).waitFor();
      saves.push(Date.now() - started);
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    }

    const words = Number(values.words);
    const scriptBytes = (await Promise.all(scripts)).reduce((sum, bytes) => sum + bytes, 0);
    console.log(`Editor typing on ${baseUrl}: ${words} words, ${values["code-blocks"]} code blocks, ${values.tables} tables, ${values.images} images, one key every ${keyInterval} ms`);
    console.log(`  editor page JavaScript (first visit, as transferred): ${(scriptBytes / 1024).toFixed(1)} KB in ${scripts.length} files`);
    console.log(`  editable after navigation: ${editable.map(ms).join(", ")}`);
    for (const [name, result] of [["mid-document prose", prose], ["inside a code block", code], ["baseline: a bare textarea", baseline]] as const) {
      const s = summary(result.latency);
      const work = summary(result.work);
      const slow = summary(result.durations);
      console.log(
        `  ${name}: keystroke-to-next-paint p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)} (n=${s.n}); ` +
          `main-thread work per key p50 ${ms(work.p50)}, p95 ${ms(work.p95)}; ` +
          `key events over 16 ms: ${slow.n}${slow.n ? `, longest ${ms(slow.max)}` : ""}`,
      );
    }
    console.log(`  save round-trip: ${saves.map((value) => `${value} ms`).join(", ")}`);
    if (values["per-key"]) {
      for (const [name, result] of [["prose", prose], ["code", code]] as const) {
        console.log(`  ${name} per key (index latency/work):`);
        console.log("    " + result.latency.map((latency, index) => `${index} ${latency.toFixed(1)}/${(result.work[index] ?? NaN).toFixed(1)}`).join(", "));
      }
    }
  } finally {
    await browser.close();
    await testDb().post.delete({ where: { id: post.id } });
    await testDb().user.delete({ where: { id: user.id } });
    await testDb().$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
