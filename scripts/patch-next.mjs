// Run by `npm install` (postinstall). Next.js 16 makes every page it renders at runtime (a page the build
// did not prerender, or one rendered again after a change) into per-segment prefetch responses as well:
// it decodes the page's flight data and renders each layout and page segment again (collectSegmentData in
// next/dist/server/app-render). Only the client router asks for them, to prefetch a <Link>; reader pages
// carry no client router, and the admin links to them without prefetching. It was a quarter of the CPU a
// post page nobody had asked for cost (bench/walk.ts on 10,000 posts: 34.9 → 26.3 ms per page, three
// interleaved pairs). The route segment config that turns it off (`export const prefetch =
// "force-disabled"`) requires cacheComponents, which renders such a page twice (next.config.ts).
//
// This edits the compiled app-page runtimes so that pages rendered at runtime get an empty set of segment
// responses: a segment prefetch for one is answered 404, and the client router then loads the whole page
// when it navigates, from its stored flight data. Pages the build prerenders keep theirs. When a Next.js
// upgrade changes the code, the script says so and leaves the files alone; scripts/patch-next.test.ts
// fails until this script is adapted or removed.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The production runtimes of App Router pages (webpack and Turbopack builds, experimental or not). */
export const RUNTIMES = ["app-page.runtime.prod.js", "app-page-turbo.runtime.prod.js", "app-page-experimental.runtime.prod.js", "app-page-turbo-experimental.runtime.prod.js"];

// i.segmentData=await r.collectSegmentData(n.cacheComponents, …): `n` is the render options.
const CALL = /(\w+)\.segmentData=await (\w+)\.collectSegmentData\((\w+)\.cacheComponents,/g;
export const MARK = ".isBuildTimePrerendering?new Map:await ";

/** The runtime's source with segment responses collected at build time only, or null when it has no such call. */
export function patchSource(source) {
  if (source.includes(MARK)) return source;
  const calls = [...source.matchAll(CALL)];
  if (calls.length !== 1) return null;
  return source.replace(CALL, (_, result, mod, options) => `${result}.segmentData=!${options}${MARK}${mod}.collectSegmentData(${options}.cacheComponents,`);
}

/** The runtimes' folder of the installed Next.js. */
export function runtimeFolder() {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("next/package.json")), "dist", "compiled", "next-server");
}

/** Patches each runtime; returns the ones that could not be (their code changed). */
export function patchRuntimes(folder = runtimeFolder()) {
  const failed = [];
  for (const name of RUNTIMES) {
    const file = path.join(folder, name);
    const source = readFileSync(file, "utf8");
    const patched = patchSource(source);
    if (patched === null) failed.push(name);
    else if (patched !== source) writeFileSync(file, patched);
  }
  return failed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const failed = patchRuntimes();
  if (failed.length > 0) {
    // Installing goes on: only uncached pages get slower. The test suite fails until this is adapted.
    console.warn(`scripts/patch-next.mjs: ${failed.join(", ")} no longer collect segment data as this script expects (a Next.js upgrade?); left unchanged. See the comment at the top of the script.`);
  }
}
