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
  // Scheduled publishing: a worker per instance, in the background so it never blocks serving; not in
  // the build's prerendering workers.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const [jobs, { expirePagesFromJob }, { env }] = await Promise.all([import("@/lib/jobs/runtime"), import("@/lib/jobs/expire-pages"), import("@/lib/env")]);
  jobs.startServerJobs({ connectionString: env.DATABASE_URL, expirePages: expirePagesFromJob });
}
