/**
 * Hot pages of two or more running servers side by side: `tsx bench/hot-pages.ts --origin old=http://127.0.0.1:3231
 * --origin new=http://127.0.0.1:3232 --path / --path /blog/some-post [--rsc] [--rounds 3] [--seconds 3]
 * [--connections 10,50]`. Each path is loaded on each origin in interleaved rounds (median round reported),
 * with the Accept-Encoding a browser sends; --rsc also loads each path as a client navigation (RSC request),
 * which the server's replay hands to Next and so measures Next's cache handler. For A/B runs of two builds
 * of the same data; `npm run bench` is the full benchmark.
 */
import { parseArgs } from "node:util";
import { combineRounds, load, warm } from "./load";

const { values } = parseArgs({
  options: {
    origin: { type: "string", multiple: true, default: [] },
    path: { type: "string", multiple: true, default: [] },
    rsc: { type: "boolean", default: false },
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "3" },
    connections: { type: "string", default: "10,50" },
  },
});

const origins = values.origin.map((spec) => {
  const [name, url] = spec.split("=", 2);
  if (!name || !url) throw new Error(`--origin NAME=URL, not ${spec}`);
  return { name, url: url.replace(/\/+$/, "") };
});
if (origins.length === 0 || values.path.length === 0) throw new Error("Give at least one --origin and one --path");
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connectionLevels = values.connections.split(",").map(Number);
const browser = { "accept-encoding": "gzip, deflate, br, zstd" };
const variants = [{ label: "page", headers: browser }, ...(values.rsc ? [{ label: "rsc", headers: { ...browser, rsc: "1" } }] : [])];

for (const origin of origins) for (const path of values.path) await warm(origin.url + path);

for (const connections of connectionLevels) {
  for (const path of values.path) {
    for (const variant of variants) {
      const results = new Map<string, Awaited<ReturnType<typeof load>>[]>();
      for (let round = 0; round < rounds; round++) {
        for (const origin of origins) {
          const result = await load(origin.url + path, connections, seconds, round === 0 ? 1 : 0, () => null, variant.headers);
          results.set(origin.name, [...(results.get(origin.name) ?? []), result]);
        }
      }
      for (const origin of origins) {
        const median = combineRounds(results.get(origin.name)!);
        console.log(
          `${path} (${variant.label}) @${connections}  ${origin.name.padEnd(6)} ${String(Math.round(median.requestsPerSecond)).padStart(6)} req/s  p50 ${median.latency.p50} ms  p99 ${median.latency.p99} ms  non-2xx ${median.non2xx}`,
        );
      }
    }
  }
}
