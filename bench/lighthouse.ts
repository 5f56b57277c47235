/**
 * Lighthouse's mobile audit (its default: a mid-range phone on a slow 4G connection, simulated) of pages
 * someone else serves, in Debian's Chromium, as the e2e tests use. Reports the four category scores and
 * the metrics behind the performance one.
 *
 *   tsx bench/lighthouse.ts <url> [<url>…] [--json]
 *
 * Lighthouse 12.2 is the last major version that runs on Node 20. CHROME_PATH or CHROMIUM_PATH changes
 * the browser.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

export interface LighthouseResult {
  url: string;
  /** 0–100 per category, null where Lighthouse could not score it. */
  scores: { performance: number | null; accessibility: number | null; bestPractices: number | null; seo: number | null };
  metrics: { fcpMs: number | null; lcpMs: number | null; tbtMs: number | null; cls: number | null; speedIndexMs: number | null };
  /** Audits of the scored categories that did not pass, by id, for reading why a score is below 100. */
  failedAudits: string[];
  /** Lighthouse's own warnings about the run (for example a page that redirected). */
  runWarnings: string[];
  /**
   * Lighthouse's measure of this machine's speed during the run (a fast desktop scores about 1,500–2,000;
   * it falls when other work shares the cores). Lighthouse simulates the phone by slowing the main-thread
   * work it observed here 4×, so whatever slows this machine down raises TBT and LCP too.
   */
  benchmarkIndex: number | null;
  /** Main-thread time on the simulated phone (4× what this machine took), in ms by kind of work, largest first. */
  mainThread: { group: string; ms: number }[];
  /**
   * Tasks of 50 ms or more on the simulated phone, by the script or document they belong to
   * ("Unattributable": the browser's own work). Those between the first paint and interactive make TBT.
   */
  longTasks: { url: string; ms: number }[];
}

// Without these, Chromium spends the run failing to reach Google's services on a machine with no internet.
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

function score(value: number | null | undefined): number | null {
  return typeof value === "number" ? Math.round(value * 100) : null;
}

/** The rows of an audit's table, if it has one. */
function tableItems(audit: { details?: unknown } | undefined): Record<string, unknown>[] {
  const details = audit?.details as { type?: string; items?: unknown[] } | undefined;
  return details?.type === "table" && Array.isArray(details.items) ? (details.items as Record<string, unknown>[]) : [];
}

/** Audits each URL in turn in one browser, each in a fresh tab with an empty cache. */
export async function auditPages(urls: string[]): Promise<LighthouseResult[]> {
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", chromeFlags: CHROME_FLAGS });
  try {
    const results: LighthouseResult[] = [];
    for (const url of urls) {
      const run = await lighthouse(url, { port: chrome.port, logLevel: "error", output: "json", onlyCategories: ["performance", "accessibility", "best-practices", "seo"] });
      if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { categories, audits, runWarnings, runtimeError } = run.lhr;
      if (runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${runtimeError.code} ${runtimeError.message}`);
      const metric = (id: string) => (typeof audits[id]?.numericValue === "number" ? Math.round(audits[id].numericValue! * 1000) / 1000 : null);
      const scored = new Set(Object.values(categories).flatMap((category) => category.auditRefs.filter((ref) => ref.weight > 0).map((ref) => ref.id)));
      results.push({
        url,
        scores: {
          performance: score(categories.performance?.score),
          accessibility: score(categories.accessibility?.score),
          bestPractices: score(categories["best-practices"]?.score),
          seo: score(categories.seo?.score),
        },
        metrics: {
          fcpMs: metric("first-contentful-paint"),
          lcpMs: metric("largest-contentful-paint"),
          tbtMs: metric("total-blocking-time"),
          cls: metric("cumulative-layout-shift"),
          speedIndexMs: metric("speed-index"),
        },
        failedAudits: [...scored].filter((id) => typeof audits[id]?.score === "number" && audits[id].score! < 0.9).sort(),
        runWarnings: runWarnings.map(String),
        benchmarkIndex: run.lhr.environment?.benchmarkIndex ?? null,
        mainThread: tableItems(audits["mainthread-work-breakdown"])
          .map((item) => ({ group: String(item.groupLabel ?? item.group), ms: Math.round(Number(item.duration)) }))
          .sort((a, b) => b.ms - a.ms),
        longTasks: tableItems(audits["long-tasks"]).map((item) => ({ url: String(item.url), ms: Math.round(Number(item.duration)) })),
      });
    }
    return results;
  } finally {
    chrome.kill();
  }
}

/** This machine's benchmark index, the simulated main-thread work and its long tasks, for reading TBT. */
export function formatMainThread(result: LighthouseResult): string {
  const work = result.mainThread.slice(0, 4).map((item) => `${item.group} ${item.ms}`).join(", ");
  const tasks = result.longTasks.map((task) => `${task.ms} ms ${task.url.replace(/^https?:\/\/[^/]+/, "")}`).join(", ");
  return `benchmark index ${result.benchmarkIndex ?? "?"}; main thread, simulated (ms): ${work || "none"}; long tasks: ${tasks || "none"}`;
}

export function formatLighthouse(result: LighthouseResult): string {
  const { scores, metrics } = result;
  const ms = (value: number | null) => (value === null ? "?" : `${Math.round(value)} ms`);
  return (
    `${result.url}: performance ${scores.performance ?? "?"}, accessibility ${scores.accessibility ?? "?"}, best practices ${scores.bestPractices ?? "?"}, SEO ${scores.seo ?? "?"}` +
    ` (FCP ${ms(metrics.fcpMs)}, LCP ${ms(metrics.lcpMs)}, TBT ${ms(metrics.tbtMs)}, CLS ${metrics.cls?.toFixed(3) ?? "?"}, Speed Index ${ms(metrics.speedIndexMs)})` +
    (result.failedAudits.length > 0 ? `\n    below 90: ${result.failedAudits.join(", ")}` : "") +
    `\n    ${formatMainThread(result)}` +
    (result.runWarnings.length > 0 ? `\n    warnings: ${result.runWarnings.join(" | ")}` : "")
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: options, positionals: urls } = parseArgs({ allowPositionals: true, options: { json: { type: "boolean", default: false } } });
  if (urls.length === 0) throw new Error("Usage: tsx bench/lighthouse.ts <url> [<url>…] [--json]");
  for (const result of await auditPages(urls)) console.log(options.json ? JSON.stringify(result) : formatLighthouse(result));
}
