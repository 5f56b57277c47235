/** Runs once when a Next server starts (and in a build's prerendering workers). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [cache, { invalidate }, { PageResponseCache }, { answerRetiredPostUrl }, { createServerHttpHooks }, { exposeToServer }] = await Promise.all([
    import("@/lib/cache/runtime"),
    import("@/lib/cache/invalidate"),
    import("@/lib/cache/replay"),
    import("@/lib/retired-post-urls"),
    import("@/lib/http/server-hooks"),
    import("@/lib/server-boundary"),
  ]);
  const { forgetRetiredSlugs } = await import("@/lib/slug-history");
  // The cache handlers named in next.config.ts find the runtime through this (lib/cache/README.md).
  const runtime = await cache.cacheRuntimeFromEnvironment(process.env);
  await runtime.start();
  cache.installCacheRuntime(runtime);
  // Another instance's write may have retired a slug: the next post request reloads the table (this
  // instance's own writes drop it themselves).
  runtime.onInvalidate((_tags, source) => {
    if (source === "remote") forgetRetiredSlugs();
  });
  // Caches in front (Varnish, a CDN): purged on every invalidation; reader pages carry their keys.
  const { startEdge, runWithRequestTags } = await import("@/lib/cache/edge");
  const edgeResponse = startEdge(process.env);

  // Development renders every request, so there is nothing to replay.
  const replay = process.env.NODE_ENV === "production" ? new PageResponseCache({}, { storage: runtime.storage, tags: runtime.tags }) : undefined;
  replay?.attach(runtime);
  const search = process.env.NODE_ENV === "production" ? (await import("@/lib/search/fast-path")).createSearchFastPath(runtime) : undefined;
  const { databaseReachable } = await import("@/lib/health");
  const http = createServerHttpHooks(process.env, { databaseDown: async () => !(await databaseReachable()) });
  // The not-found page sent for a page's 404 shows the site settings: fetched again after any change.
  runtime.onInvalidate(() => http.forgetNotFoundPage());
  const secureResponse = http.secureResponse;
  // The edge headers go on last, so the held and replayed copies of a page carry them (lib/cache/edge/response.ts).
  http.secureResponse = (req, res) => {
    secureResponse(req, res);
    edgeResponse(req, res);
  };
  if (search) {
    // The search template is fetched from where the server listens, as the not-found page is.
    const setOwnOrigin = http.setOwnOrigin;
    http.setOwnOrigin = (origin) => {
      setOwnOrigin(origin);
      search.setOwnOrigin(origin);
    };
  }
  exposeToServer({ http, answerRetiredPostUrl, replay, search, runWithRequestTags });

  // Scheduled publishing: a worker per instance, in the background so it never blocks serving; not in
  // the build's prerendering workers.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const [jobs, { env }] = await Promise.all([import("@/lib/jobs/runtime"), import("@/lib/env")]);
  jobs.startServerJobs({ connectionString: env.DATABASE_URL, expirePages: invalidate });
}
