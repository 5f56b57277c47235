/** Runs once when a Next server starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ expirePagesCachedBefore }, retiredPostUrls, pageResponses, httpHooks] = await Promise.all([
    import("@/lib/page-cache"),
    import("@/lib/retired-post-urls"),
    import("@/lib/page-response-cache"),
    import("@/lib/http/server-hooks"),
  ]);
  httpHooks.exposeToServer();
  retiredPostUrls.exposeToServer();
  // Development renders every request, so there is nothing to keep.
  if (process.env.NODE_ENV === "production") pageResponses.exposeToServer(new pageResponses.PageResponseCache());
  await expirePagesCachedBefore(Date.now());
}
