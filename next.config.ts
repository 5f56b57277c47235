import path from "node:path";
import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT_BYTES } from "./lib/http/action-body-limit";

const nextConfig: NextConfig = {
  // Off: with it, a page that misses the cache is prerendered in two passes (Next 16.4, app-render's
  // prerenderToStream), a prospective render that runs until every "use cache" read has filled, then the
  // final render from those caches, and no option skips the first. Without it a reader page renders once
  // and is kept by the same handlers (incremental static regeneration), for about a third less CPU per
  // cold post page (README "Caching"). "use cache" stays on through experimental.useCache, which Next
  // 16 marks deprecated in favour of this option: re-check both when upgrading Next.
  cacheComponents: false,
  // Partial prefetching streams the not-found page of a missing post with status 200; readers and
  // crawlers must get a real 404.
  partialPrefetching: false,
  // npm test builds into its own folder so it never replaces the build that `npm start` serves.
  distDir: process.env.QUIRE_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // Cached pages and "use cache" data live in Quire's cache storage (disk under .data/cache, or Redis),
  // checked against tag expirations every instance shares (lib/cache/README.md). Next imports these
  // natively, outside its bundle; they delegate to the runtime instrumentation.ts starts.
  cacheHandler: path.join(process.cwd(), "lib/cache/handlers/pages-adapter.mjs"),
  cacheHandlers: {
    default: path.join(process.cwd(), "lib/cache/handlers/use-cache-adapter.mjs"),
    remote: path.join(process.cwd(), "lib/cache/handlers/use-cache-adapter.mjs"),
  },
  // Next's ETag hashes the whole page in JavaScript on every request, cached or not: about 1 ms for a
  // 96 KB post here, about 40 % of the cost of serving it from the cache. Pages change by tag-based
  // invalidation and carry Cache-Control; a CDN or proxy in front can add validators.
  generateEtags: false,
  typedRoutes: false,
  serverExternalPackages: ["@node-rs/argon2", "pg"],
  // Widths for a post's images (lib/responsive-image.ts), a column at most 44rem wide: phones at 1–3×
  // and desktops at 1–2×. Fewer widths than Next's default keep each srcset short.
  images: { deviceSizes: [640, 828, 1080, 1440, 2048], imageSizes: [384] },
  // A long post with code is a few hundred KB of JSON; the editor's schema allows up to 1 MB of it.
  // scripts/server.mjs answers larger action bodies with 413 before Next reads them.
  experimental: {
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES },
    // "use cache", cacheLife and cacheTag without cacheComponents (above).
    useCache: true,
    // URLs that match no route get app/global-not-found.tsx, so no page carries a copy of that 404 page.
    globalNotFound: true,
    // A route's modules load with its first request instead of all at start: a server that only ever
    // serves reader pages never holds the admin, editor, sign-in and social-card modules (README
    // "Memory" has the figures and what a route's first request pays).
    preloadEntriesOnStart: false,
  },
  cacheLife: {
    // Public content is invalidated by tag on every change; the timed refresh is only a safety net.
    content: { stale: 60, revalidate: 24 * 60 * 60, expire: 30 * 24 * 60 * 60 },
  },
  // The Content-Security-Policy is set by scripts/server.mjs (lib/http/secure-response.ts): it lists
  // the hashes of each page's inline scripts, known only once the page is rendered.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
