// The benchmark's plain static file server: answers /<name> with the bytes of the file of that base
// name, as nginx or a CDN edge would serve a prerendered page, gzipped ahead of time for clients that
// accept it (nginx's gzip_static): <file>.gz when it exists (the bytes the page itself was sent as),
// else gzipped here. A separate process, so it never shares a core's event loop with the load
// generator. Prints its port on stdout.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";

const files = process.argv.slice(2);
if (files.length === 0) throw new Error("Usage: node bench/file-server.mjs <file>...");
const bodies = new Map(
  files.map((file) => {
    const identity = readFileSync(file);
    return [`/${path.basename(file)}`, { identity, gzip: existsSync(`${file}.gz`) ? readFileSync(`${file}.gz`) : gzipSync(identity) }];
  }),
);
const server = createServer((request, response) => {
  const body = bodies.get(request.url ?? "");
  if (!body) {
    response.writeHead(404).end();
    return;
  }
  const gzip = /\bgzip\b/.test(request.headers["accept-encoding"] ?? "");
  const bytes = gzip ? body.gzip : body.identity;
  response.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-length": bytes.length,
    vary: "Accept-Encoding",
    ...(gzip ? { "content-encoding": "gzip" } : {}),
  });
  response.end(bytes);
});
server.listen(0, "127.0.0.1", () => console.log(String(server.address().port)));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
