/**
 * PostgreSQL for a fresh machine: PGlite (PostgreSQL compiled to WebAssembly) served on a loopback
 * port by pglite-socket, in this process, so the app reaches it through the same adapter-pg path as
 * a real server.
 *
 * Connections: pglite-socket multiplexes every connection onto PGlite's single session. While one
 * connection is inside a transaction or an extended-protocol batch (Parse to Sync), the others' messages
 * wait (keepBatchesTogether below), so neither transactions nor batches interleave. What stays shared
 * is session state: SET, temporary tables, named prepared statements and advisory locks.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { acquireDataDirLock } from "./data-dir-lock.mjs";

export { DataDirInUseError } from "./data-dir-lock.mjs";

const defaultDataDir = path.resolve(import.meta.dirname, "../..", ".data/pglite");
/** Room for the app's pool (10 by default), migrations and a psql session. */
const MAX_CONNECTIONS = 32;

function portFromEnv() {
  const raw = process.env.EMBEDDED_PG_PORT;
  if (!raw) return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`EMBEDDED_PG_PORT must be a port number, not "${raw}".`);
  return port;
}

function displayPath(dir) {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith("..") ? relative : dir;
}

function boundPort(server) {
  return Number(server.getServerConn().split(":").at(-1));
}

/**
 * SIGINT/SIGTERM: if the process has other listeners for the signal, they own the shutdown (and call
 * stop(), as scripts/run.ts does after Next exits, so that Next drains first). Otherwise stop here
 * and re-raise the signal for its default exit. Returns the remover.
 */
function stopOnSignals(stop, releaseSync) {
  const onSignal = (signal) => {
    if (process.listenerCount(signal) > 1) return;
    void stop().finally(() => {
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // process.exit() skips stop(); committed data is on disk already, but the lock must go.
  process.on("exit", releaseSync);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", releaseSync);
  };
}

/** Frontend message types that begin or continue an extended-protocol batch, which Sync ends. */
const BATCH_MESSAGES = new Set(["P", "B", "D", "E", "C", "H"].map((type) => type.charCodeAt(0)));
const SYNC = "S".charCodeAt(0);
const QUERY = "Q".charCodeAt(0);

/**
 * pglite-socket 0.2.17 queues single protocol messages from all connections and keeps one connection's
 * messages together only inside a transaction (electric-sql/pglite#1046, open). A Parse/Bind/Execute/Sync
 * batch is not a transaction, so when several connections' batches wait at once (behind another's
 * transaction, say) they run interleaved on the one session: a Bind meets another connection's unnamed
 * statement and returns that statement's rows. Its queue also stops for good after an internal error.
 * This replaces the queue's scheduling: a connection that has begun a batch, or is in a transaction,
 * runs alone until its batch ends and no transaction is open. COPY is not covered (nothing here uses it).
 */
function keepBatchesTogether(server) {
  const queue = server.queryQueue;
  // The version is pinned exactly; this fails loudly if an upgrade changes the internals replaced here.
  if (!queue || !Array.isArray(queue.queue) || typeof queue.processQueue !== "function" || typeof queue.clearTransactionIfNeeded !== "function") {
    throw new Error("@electric-sql/pglite-socket's query queue has changed: review keepBatchesTogether in scripts/db/embedded.mjs.");
  }
  const db = server.db;
  /** Connections between the first message of a batch and its Sync. */
  const inBatch = new Set();
  /** The connection that alone may run now, or null for any. */
  let owner = null;

  queue.processQueue = async function processQueue() {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = owner === null ? 0 : this.queue.findIndex((queued) => queued.handlerId === owner);
        if (index === -1) break;
        const [query] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(query.message, {
              onRawData: (data) => {
                bytes += data.length;
                query.onData(data);
              },
            }),
          );
        } catch (error) {
          // The connection closes on this (its handler detaches), which releases it below.
          query.reject(error);
          continue;
        }
        const type = query.message[0];
        if (BATCH_MESSAGES.has(type)) inBatch.add(query.handlerId);
        else if (type === SYNC || type === QUERY) inBatch.delete(query.handlerId);
        owner = inBatch.has(query.handlerId) || db.isInTransaction() ? query.handlerId : null;
        this.lastHandlerId = query.handlerId;
        query.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  // Called when a connection goes away: what it left open must not hold the others.
  queue.clearTransactionIfNeeded = async function clearTransactionIfNeeded(handlerId) {
    inBatch.delete(handlerId);
    if (owner !== handlerId) return;
    owner = null;
    if (db.isInTransaction()) await db.exec("ROLLBACK");
    await this.processQueue();
  };
}

async function serve(db, port, label) {
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: MAX_CONNECTIONS });
  keepBatchesTogether(server);
  try {
    await server.start();
  } catch (error) {
    const inUse = error.code === "EADDRINUSE";
    throw new Error(inUse ? `Port ${port} is taken; cannot serve the embedded database in ${label}.` : String(error), { cause: error });
  }
  return server;
}

async function open(dataDir, port, label, lock) {
  // PGlite creates only the last path segment itself.
  await mkdir(dataDir, { recursive: true });
  // Every contrib extension a migration creates must be loaded here; the server build has them on disk.
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  let server;
  try {
    server = await serve(db, port, label);
  } catch (error) {
    await db.close();
    throw error;
  }

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      removeSignalHandlers();
      await server.stop();
      await db.close();
      await lock.release();
    })();
    return stopping;
  };
  const removeSignalHandlers = stopOnSignals(stop, lock.releaseSync);
  return { url: `postgresql://postgres@localhost:${boundPort(server)}/postgres?sslmode=disable`, stop };
}

/**
 * Starts PGlite on `dataDir` and serves it on 127.0.0.1. Throws DataDirInUseError when another live
 * process serves the same directory; a lock left by a killed process is taken over. Call stop()
 * to close it cleanly (a signal does too, see stopOnSignals).
 */
export async function startEmbeddedPostgres(options = {}) {
  const dataDir = path.resolve(options.dataDir ?? (process.env.EMBEDDED_PG_DATA_DIR || defaultDataDir));
  const label = displayPath(dataDir);
  const port = options.port ?? portFromEnv();
  await mkdir(path.dirname(dataDir), { recursive: true });
  const lock = await acquireDataDirLock(dataDir, label);
  try {
    return await open(dataDir, port, label, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}
