import { NextResponse, type NextRequest } from "next/server";
import { postPath } from "@/lib/paths";
import { SESSION_COOKIE } from "@/lib/session-cookie";
import { getRetiredSlug } from "@/lib/slug-history";
import { absoluteUrl } from "@/lib/urls";

export default async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/blog/")) return answerRetiredSlug(request, pathname.slice("/blog/".length));
  return redirectSignedOut(request);
}

/**
 * Old post URLs answer here, before the (cached) post page: 301 to the post's current URL, or 410 for a
 * deleted post. Any other slug passes through to the page, which renders the post or a 404.
 */
async function answerRetiredSlug(request: NextRequest, slug: string) {
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  let decoded: string;
  try {
    decoded = decodeURIComponent(slug);
  } catch {
    return NextResponse.next();
  }
  const retired = await getRetiredSlug(decoded);
  if (!retired) return NextResponse.next();
  if (retired.kind === "moved") {
    return NextResponse.redirect(`${absoluteUrl(postPath(retired.slug))}${request.nextUrl.search}`, 301);
  }
  return new NextResponse(request.method === "HEAD" ? null : GONE_PAGE, {
    status: 410,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=300", "X-Robots-Tag": "noindex" },
  });
}

const GONE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>This post was removed</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1.25rem;color:#18181b;background:#fff}
a{color:#4338ca}@media (prefers-color-scheme:dark){body{color:#f4f4f5;background:#09090b}a{color:#a5b4fc}}</style></head>
<body><main><h1>This post was removed</h1><p>The post that lived at this address has been deleted and will not come back.</p>
<p><a href="/">Go to the home page</a> or <a href="/search">search the site</a>.</p></main></body></html>`;

/**
 * A convenience redirect only, on the cookie's presence: every admin page, action and route checks the
 * session and role itself. It never sends /login onwards, so a revoked session cannot loop.
 */
function redirectSignedOut(request: NextRequest) {
  // Server actions are POSTs; they answer "session ended" themselves instead of being redirected.
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  if (request.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  const url = new URL("/login", request.nextUrl);
  url.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/admin/:path*", "/blog/:slug"] };
