// The benchmark's plain static file server: answers /<name> with the bytes of the file of that base
// name, as nginx or a CDN edge would serve a prerendered page. A separate process, so it never shares
// a core's event loop with the load generator. Prints its port on stdout.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";

const files = process.argv.slice(2);
if (files.length === 0) throw new Error("Usage: node bench/file-server.mjs <file>...");
const bodies = new Map(files.map((file) => [`/${path.basename(file)}`, readFileSync(file)]));
const server = createServer((request, response) => {
  const body = bodies.get(request.url ?? "");
  if (!body) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
  response.end(body);
});
server.listen(0, "127.0.0.1", () => console.log(String(server.address().port)));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
