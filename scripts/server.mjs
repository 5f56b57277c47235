/**
 * Quire's web server: Next's request handler, preceded by these steps.
 *   - Forwarded headers (X-Forwarded-*, Forwarded, X-Real-IP) are dropped unless the connection comes
 *     from a proxy listed in TRUSTED_PROXIES, and x-real-ip is set to the client's address
 *     (lib/http/trusted-proxies.ts): Next checks an action's Origin against X-Forwarded-Host.
 *   - Path escapes that are not UTF-8, or NUL, become U+FFFD (lib/http/request-path.ts), so such URLs
 *     reach their route and get its 404 instead of a 500.
 *   - Server action bodies larger than Next's limit are answered 413 here (lib/http/action-body-limit.ts).
 *   - Every response gets the Content-Security-Policy, HTML with the hashes of its inline scripts
 *     (lib/http/secure-response.ts); Next's own headers() sets none, so serve the site with this server.
 *   - A page that called notFound() is answered with the global not-found page instead of the empty
 *     document Next writes for it (lib/http/not-found-page.ts), keeping Next's status and headers.
 *   - Requests for old post URLs are answered here (301 to the current URL, 410 for a deleted post;
 *     lib/retired-post-urls.ts), so live post pages reach Next's cache without a proxy running on each.
 *   - Public pages Next has rendered or served from its cache are answered again without running Next's
 *     request pipeline (lib/cache/replay.ts): from memory until an invalidation on any instance, and from
 *     the cache storage while the page's cache entry is valid.
 *   - Searches (/search?q=…) fill the search page, rendered once, with the results (lib/search/fast-path.ts).
 *   - Next answers each request inside that request's cache tags (lib/cache/edge/request-tags.ts), so a
 *     reader page can list the tags of the page it was answered with as surrogate keys for Varnish or a CDN.
 * These come from the application through one typed boundary (lib/server-boundary.ts); caching itself
 * lives in lib/cache (see its README).
 *
 *   node scripts/server.mjs [--dev] [--port 3000] [--hostname 0.0.0.0]
 *
 * Started by `npm start` / `npm run dev` (scripts/start.mjs imports it), the end-to-end tests and the benchmark.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { dev: { type: "boolean", default: false }, port: { type: "string" }, hostname: { type: "string" } },
});
const dev = values.dev;
const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Not a port: ${values.port ?? process.env.PORT}`);
// Before Next and React load: they pick their production or development builds from it.
process.env.NODE_ENV = dev ? "development" : "production";
process.title = "quire-server";

// When started by the benchmark (bench/run.ts): exit with the parent, even if it was killed with SIGKILL, so a
// crashed bench never leaves an orphan server holding the port.
if (process.env.QUIRE_EXIT_WITH_PARENT === "1") {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
  }, 1000).unref();
}

if (!dev) applyBuildConfig();

/**
 * Gives Next the configuration the build recorded in required-server-files.json, as the server.js of
 * Next's standalone output does (node_modules/next/dist/build/utils.js writes it; server/config.js reads
 * it), instead of letting Next load next.config.ts at start: compiling that file loads SWC's native
 * module, about 25 MB that then stays resident for nothing. The recorded copy is the configuration the
 * build was made with, already validated and with the cache handlers' paths made relative to the build
 * folder; `npm start` rebuilds when next.config.ts changes (scripts/build-fingerprint.ts). Without a
 * build Next is left to say so itself.
 */
function applyBuildConfig() {
  // The build folder as next.config.ts names it.
  const manifest = path.join(process.cwd(), process.env.QUIRE_DIST_DIR ?? ".next", "required-server-files.json");
  if (!existsSync(manifest)) return;
  const { config } = JSON.parse(readFileSync(manifest, "utf8"));
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

const { default: next } = await import("next");
const app = next({ dev, hostname: values.hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
await runInstrumentation();

/**
 * Next runs instrumentation.ts when its request handler serves its first request, and no documented call
 * does it sooner. The boundary below (and the cache runtime) must be in place before the first visitor's
 * request, so that first request is one of ours: /healthz, through a listener of its own on a loopback
 * port that nobody else knows, closed again before the site's listener opens.
 */
async function runInstrumentation() {
  const probe = createServer((req, res) => handle(req, res));
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", () => resolve(undefined)));
  try {
    const address = probe.address();
    const response = await fetch(`http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}/healthz`);
    await response.arrayBuffer();
  } finally {
    probe.closeAllConnections();
    await new Promise((resolve) => probe.close(() => resolve(undefined)));
  }
}

/**
 * What the application hands this server (lib/server-boundary.ts, filled by instrumentation.ts): the
 * request and response hooks, the answer for old post URLs, and the replay of cached pages.
 * @type {import("../lib/server-boundary").ServerBoundary | undefined}
 */
const boundary = globalThis[Symbol.for("quire.server")];
if (
  typeof boundary?.http?.secureResponse !== "function" ||
  typeof boundary.http.setOwnOrigin !== "function" ||
  typeof boundary.answerRetiredPostUrl !== "function" ||
  typeof boundary.runWithRequestTags !== "function"
) {
  throw new Error("instrumentation.ts did not fill the server boundary; is the build current?");
}
if (!dev && typeof boundary.replay?.serve !== "function") {
  throw new Error("instrumentation.ts did not start the page replay; is the build current?");
}
const { http, answerRetiredPostUrl, replay: pageResponses, search, runWithRequestTags } = boundary;

/** Set on SIGTERM; see shutdown(). */
let stopping = false;
/** Responses not yet finished, so a shutdown can ask their connections to close after them. */
const inFlight = new Set();
/**
 * Every open connection, for the ones that have sent nothing yet: browsers and proxies open spares ahead of
 * need. Node's closeIdleConnections() leaves those open, so server.close() would wait for the client to
 * drop them.
 */
const sockets = new Set();

/** Replays a kept page (from memory, or storage), answers a search (lib/search/fast-path.ts), or hands the request to Next. */
function respond(req, res) {
  const unkept = () => searchOrRender(req, res);
  if (pageResponses?.serve(req, res, unkept)) return;
  return unkept();
}

function searchOrRender(req, res) {
  if (search?.serve(req, res, () => render(req, res))) return;
  return render(req, res);
}

/**
 * Hands the request to Next, keeping its answer if it is a cached page. Inside the request's own cache
 * tags, which Next's cache handlers fill and the edge headers (in secureResponse) read.
 */
function render(req, res) {
  return runWithRequestTags(() => {
    // Capture first: the kept page then carries the policy secureResponse gives it.
    pageResponses?.capture(req, res);
    http.secureResponse(req, res);
    return handle(req, res);
  });
}

/** Writes an answer made here, not by Next, with the site's policy. */
function send(res, answer) {
  res.writeHead(answer.status, { "Content-Security-Policy": http.basePolicy, ...answer.headers });
  res.end(answer.body);
}

/** Answers a retired post URL, or passes the request on. Synchronous unless the slug table is loading. */
function serve(req, res) {
  if (stopping) res.setHeader("Connection", "close");
  inFlight.add(res);
  res.once("close", () => {
    inFlight.delete(res);
    // Once stopping, a connection whose answer has ended closes now, not after the 65 s keep-alive, which
    // server.close() would otherwise wait out. After this tick: the connection counts as idle only then.
    if (stopping) setImmediate(() => server.closeIdleConnections());
  });
  // MUST run before anything reads a header or the URL: Next, next-auth and the checks below.
  http.sanitizeForwardedHeaders(req);
  req.url = http.repairPathEncoding(req.url ?? "/");
  const refusal = http.actionBodyRefusal(req);
  if (refusal) {
    // Exactly text/plain: Next's client then rejects the action call with this text as its message.
    // Node discards the unread body before reusing the connection.
    send(res, { status: refusal.status, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" }, body: refusal.message });
    return;
  }
  if (!req.url?.startsWith("/blog/")) return respond(req, res);
  const query = req.url.indexOf("?");
  // The post page still answers (the post or a 404); only the redirect is missed.
  const fail = (error) => {
    console.error("Looking up an old post URL failed", error);
    respond(req, res);
  };
  let result;
  try {
    result = answerRetiredPostUrl(req.method ?? "GET", query < 0 ? req.url : req.url.slice(0, query), query < 0 ? "" : req.url.slice(query));
  } catch (error) {
    return fail(error);
  }
  if (typeof result?.then === "function") {
    result.then((loaded) => (loaded ? send(res, loaded) : respond(req, res)), fail);
  } else if (result) {
    send(res, result);
  } else {
    respond(req, res);
  }
}

const server = createServer(serve);
server.on("connection", (socket) => {
  sockets.add(socket);
  socket.once("close", () => sockets.delete(socket));
});
// Proxies in front (Varnish, nginx, load balancers) and HTTP clients keep idle connections for up to
// about 60 s and reuse them. A server that closed them sooner would race a reused connection's next
// request, which then fails with ECONNRESET (a 502 at a proxy). Longer than theirs, so they close first.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(port, values.hostname, () => {
  // A 404 page answered with Next's empty error document gets the global not-found page, fetched from here.
  const address = server.address();
  const wildcard = typeof address !== "object" || address === null || address.address === "::" || address.address === "0.0.0.0";
  const host = wildcard ? "localhost" : address.family === "IPv6" ? `[${address.address}]` : address.address;
  http.setOwnOrigin(`http://${host}:${typeof address === "object" && address !== null ? address.port : port}`);
  console.log(`Quire ${dev ? "(development) " : ""}listening on http://${values.hostname ?? "localhost"}:${port}`);
});

/** A load balancer stops sending requests within seconds; a save still in flight gets this long. */
const SHUTDOWN_GRACE_MS = 25_000;
/** How long after the signal a connection that has sent nothing is left open. */
const SPARE_CONNECTION_GRACE_MS = 1_000;

/**
 * Stops taking connections, lets the requests in flight (saves included) finish, then exits. Responses
 * sent meanwhile close their connection, so a keep-alive client cannot bring new requests.
 */
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing the requests in flight, then stopping`);
  let waitingFor = "connections";
  setTimeout(() => {
    const requests = [...inFlight].map((res) => `${res.req.method} ${res.req.url}${res.headersSent ? " (answer begun)" : ""}`);
    console.error(
      waitingFor === "connections"
        ? `Still running after ${SHUTDOWN_GRACE_MS / 1000} s: ${requests.length} request(s)${requests.length ? ` (${requests.join(", ")})` : ""}, ${sockets.size} open connection(s); stopping anyway`
        : `Next's background work still running after ${SHUTDOWN_GRACE_MS / 1000} s; stopping anyway`,
    );
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  // Requests that began before the signal: their answers close the connection, so a keep-alive client
  // sends nothing more (those whose head is already out close once they end, as the server has stopped).
  for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
  server.close(async () => {
    waitingFor = "next";
    await app.close();
    process.exit(0);
  });
  // server.close() closes the connections idle between requests (and each that becomes so, above). One that
  // has still sent nothing a moment later is a spare no request will come on; the moment lets a request
  // that was on its way when the signal came (its connection accepted, not yet read) be read and served.
  setTimeout(() => {
    for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
  }, SPARE_CONNECTION_GRACE_MS).unref();
}
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
