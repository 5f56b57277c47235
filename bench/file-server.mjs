// The benchmark's plain static file server: answers every request with one file's bytes, as nginx or a
// CDN edge would serve a prerendered page. A separate process, so it never shares a core's event loop
// with the load generator. Prints its port on stdout.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const file = process.argv[2];
if (!file) throw new Error("Usage: node bench/file-server.mjs <file>");
const body = readFileSync(file);
const server = createServer((_request, response) => {
  response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
  response.end(body);
});
server.listen(0, "127.0.0.1", () => console.log(String(server.address().port)));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
