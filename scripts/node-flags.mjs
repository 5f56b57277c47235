/**
 * Node's options for the production server, given on the command line of `npm start` (package.json) and
 * of the benchmark's server (bench/run.ts), which package.json cannot import: scripts/node-flags.test.ts
 * keeps the two in step. V8 reads them when the process starts, so scripts/start.mjs, which becomes the
 * server, cannot set them itself.
 *
 * Without a limit V8 sizes the heap for this machine's memory and lets it grow to several times what is
 * live before collecting it fully: 330 MB of old space under a crawler's walk that leaves 160 MB live.
 *   --max-old-space-size=320  the old generation's limit. The most ever live after a full collection,
 *                             under a 1,000-post crawler walk (cold and again) with search and an admin
 *                             editing a 20,000-word post at once, was 186 MB (176 in another run): 320 leaves 1.7× that
 *                             (README "Memory"). A larger site or heavier editing may need more: start
 *                             with a higher value (`node --max-old-space-size=512 scripts/start.mjs start`).
 *   --max-semi-space-size=8   the young generation's two halves at 8 MB each instead of 16: 16 MB less
 *                             resident, for more frequent (sub-millisecond) scavenges.
 *   --wasm-tiering-budget=1000000000
 *                             Prisma's query compiler is WebAssembly. V8 compiles it with its baseline
 *                             compiler and recompiles each function that ran for a while (a budget of
 *                             1.8 million by default) with its optimising one, on background threads. At
 *                             start, as the first queries are planned, those recompilations took about
 *                             45 MB of compiler memory that glibc then kept in the threads' malloc arenas
 *                             (80 MB resident in them idle, 6 MB with this budget; README "Memory"). Plans
 *                             are cached per query shape, so the compiler runs for new shapes only and the
 *                             baseline code costs no measurable CPU per page.
 */
export const SERVER_NODE_FLAGS = ["--max-old-space-size=320", "--max-semi-space-size=8", "--wasm-tiering-budget=1000000000"];
