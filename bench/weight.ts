/**
 * What a first visit to a page costs a reader: every request a headless Chromium makes to load it (with
 * an empty cache, scrolled to the bottom so links in view could prefetch, then left idle), and the
 * bytes each transferred as the server sent them (compressed when it compressed).
 *
 *   tsx bench/weight.ts <url> [<url>…] [--json]
 *
 * Prints, per URL, the totals by kind (document, script, stylesheet, font, image, prefetch/RSC, other)
 * and each request. Uses Debian's /usr/bin/chromium, as the e2e tests do (CHROME_PATH or CHROMIUM_PATH to change it).
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { chromium, type Request } from "@playwright/test";

export interface LoadedRequest {
  url: string;
  kind: string;
  status: number | null;
  /** Response body as transferred (after content encoding), plus response headers. */
  bytes: number;
}

function kindOf(request: Request): string {
  const headers = request.headers();
  // The App Router's prefetches and navigations fetch RSC payloads with these headers.
  if (headers["rsc"] === "1" || headers["next-router-prefetch"] === "1") return "rsc";
  const type = request.resourceType();
  return ["document", "script", "stylesheet", "font", "image"].includes(type) ? type : "other";
}

export async function measure(url: string): Promise<{ url: string; requests: LoadedRequest[] }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const finished: Request[] = [];
    page.on("requestfinished", (request) => finished.push(request));
    await page.goto(url, { waitUntil: "networkidle" });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1500);
    const requests = await Promise.all(
      finished.map(async (request) => {
        const sizes = await request.sizes();
        const response = await request.response();
        return { url: request.url(), kind: kindOf(request), status: response?.status() ?? null, bytes: sizes.responseBodySize + sizes.responseHeadersSize };
      }),
    );
    return { url, requests };
  } finally {
    await browser.close();
  }
}

export interface PageWeight {
  url: string;
  requests: number;
  kilobytes: number;
  byKind: Record<string, { count: number; kilobytes: number }>;
}

/** The totals of a first visit, overall and by kind of request. */
export function summarize(url: string, requests: LoadedRequest[]): PageWeight {
  const byKind = new Map<string, { count: number; bytes: number }>();
  for (const request of requests) {
    const total = byKind.get(request.kind) ?? { count: 0, bytes: 0 };
    byKind.set(request.kind, { count: total.count + 1, bytes: total.bytes + request.bytes });
  }
  return {
    url,
    requests: requests.length,
    kilobytes: Number((requests.reduce((sum, request) => sum + request.bytes, 0) / 1024).toFixed(1)),
    byKind: Object.fromEntries([...byKind].map(([kind, total]) => [kind, { count: total.count, kilobytes: Number((total.bytes / 1024).toFixed(1)) }])),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: options, positionals: urls } = parseArgs({ allowPositionals: true, options: { json: { type: "boolean", default: false } } });
  if (urls.length === 0) throw new Error("Usage: tsx bench/weight.ts <url> [<url>…] [--json]");
  for (const url of urls) {
    const { requests } = await measure(url);
    const summary = summarize(url, requests);
    if (options.json) {
      console.log(JSON.stringify({ ...summary, requests }));
      continue;
    }
    console.log(`${url}: ${summary.requests} requests, ${summary.kilobytes} KB`);
    for (const [kind, total] of Object.entries(summary.byKind)) console.log(`  ${kind.padEnd(10)} ${String(total.count).padStart(3)}  ${total.kilobytes.toFixed(1).padStart(7)} KB`);
    for (const request of requests) console.log(`    ${(request.bytes / 1024).toFixed(1).padStart(7)} KB  ${request.kind.padEnd(10)} ${request.status ?? "-"}  ${request.url}`);
  }
}
