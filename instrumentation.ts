/** Runs once when a Next server starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ expirePagesCachedBefore }, retiredPostUrls, pageResponses] = await Promise.all([
    import("@/lib/page-cache"),
    import("@/lib/retired-post-urls"),
    import("@/lib/page-response-cache"),
  ]);
  retiredPostUrls.exposeToServer();
  // Development renders every request, so there is nothing to keep.
  if (process.env.NODE_ENV === "production") pageResponses.exposeToServer(new pageResponses.PageResponseCache());
  await expirePagesCachedBefore(Date.now());
}
