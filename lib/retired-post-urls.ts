import "server-only";
import { postPath } from "@/lib/paths";
import { getRetiredSlug, peekRetiredSlug, type RetiredSlug } from "@/lib/slug-history";
import { absoluteUrl } from "@/lib/urls";

/**
 * Old post URLs: 301 to the post's current URL, or 410 for a deleted post. scripts/server.mjs asks here
 * (through lib/server-boundary.ts) before handing a request to Next, so live post pages go straight to Next's cache. (As a Next proxy
 * this check ran on every post request and cost about a third of serving a cached post page.)
 */
export interface RetiredPostAnswer {
  status: 301 | 410;
  headers: Record<string, string>;
  body: string;
}

const POST_URL = /^\/blog\/([^/]+)$/;

/**
 * The answer for a retired post URL, or null for anything else (Next then serves the request). Answers
 * at once from the table in memory, and with a promise only while the table loads.
 */
export function answerRetiredPostUrl(method: string, pathname: string, search: string): RetiredPostAnswer | null | Promise<RetiredPostAnswer | null> {
  if (method !== "GET" && method !== "HEAD") return null;
  const encoded = POST_URL.exec(pathname)?.[1];
  if (!encoded) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  const known = peekRetiredSlug(slug);
  if (known !== undefined) return answerFor(known, method, search);
  return getRetiredSlug(slug).then((retired) => answerFor(retired, method, search));
}

function answerFor(retired: RetiredSlug | null, method: string, search: string): RetiredPostAnswer | null {
  if (!retired) return null;
  if (retired.kind === "moved") {
    // Browsers keep a 301 without an expiry; an hour lets a slug that is reused later reach its new post.
    return { status: 301, headers: { Location: `${absoluteUrl(postPath(retired.slug))}${search}`, "Cache-Control": "public, max-age=3600" }, body: "" };
  }
  return {
    status: 410,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=300", "X-Robots-Tag": "noindex", "X-Content-Type-Options": "nosniff" },
    body: method === "HEAD" ? "" : GONE_PAGE,
  };
}

const GONE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>This post was removed</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1.25rem;color:#18181b;background:#fff}
a{color:#4338ca}@media (prefers-color-scheme:dark){body{color:#f4f4f5;background:#09090b}a{color:#a5b4fc}}</style></head>
<body><main><h1>This post was removed</h1><p>The post that lived at this address has been deleted and will not come back.</p>
<p><a href="/">Go to the home page</a> or <a href="/search">search the site</a>.</p></main></body></html>`;
