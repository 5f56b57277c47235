import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  cacheComponents: true,
  partialPrefetching: true,
  // npm test builds into its own folder so it never replaces the build that `npm start` serves.
  distDir: process.env.QUIRE_DIST_DIR ?? ".next",
  poweredByHeader: false,
  typedRoutes: false,
  serverExternalPackages: ["@node-rs/argon2", "pg"],
  cacheLife: {
    // Public content is invalidated by tag on every change; the timed refresh is only a safety net.
    content: { stale: 60, revalidate: 24 * 60 * 60, expire: 30 * 24 * 60 * 60 },
  },
  images: { remotePatterns: [{ protocol: "https", hostname: "**" }] },
};

export default nextConfig;
