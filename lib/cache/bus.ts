// No "server-only" marker: loaded by instrumentation.ts through lib/cache/runtime.ts.
import { Redis } from "ioredis";
import pg from "pg";

/** One invalidation, as broadcast to every instance. */
export interface InvalidationEvent {
  /** Unique per invalidation: an event heard on two transports is applied once. */
  id: string;
  /** The instance that made it; it applied the event before broadcasting and ignores its own echo. */
  origin: string;
  tags: string[];
  /** When the origin expired the tags (ms since the epoch, its clock). */
  at: number;
}

export interface BusHandlers {
  onEvent(event: InvalidationEvent): void;
  /**
   * The transport came back after losing its connection: events sent meanwhile were missed, so the
   * receiver reloads the durable table (lib/cache/tag-store.ts).
   */
  onReconnect(): void;
}

/** A way to hear every instance's invalidations. */
export interface InvalidationTransport {
  readonly name: string;
  start(handlers: BusHandlers): Promise<void>;
  /** Sends an event to every instance. A transport whose sending rides on the table write (PostgreSQL) does nothing here. */
  publish(event: InvalidationEvent): Promise<void>;
  close(): Promise<void>;
}

/** The channel name for PostgreSQL NOTIFY and Redis pub/sub. */
export const DEFAULT_CHANNEL = "quire_cache_invalidate";

export function parseEvent(payload: string): InvalidationEvent | null {
  try {
    const value = JSON.parse(payload) as Partial<InvalidationEvent>;
    if (typeof value.id !== "string" || typeof value.origin !== "string" || typeof value.at !== "number") return null;
    if (!Array.isArray(value.tags) || !value.tags.every((tag) => typeof tag === "string")) return null;
    return value as InvalidationEvent;
  } catch {
    return null;
  }
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

/**
 * LISTEN on a connection of its own. Events are sent by the table write itself (pg_notify in the same
 * statement, lib/cache/tag-store.ts), so nothing is published here. A lost connection is reopened with
 * a growing delay, and onReconnect then lets the runtime catch up from the table.
 */
export function pgTransport(connectionString: string, channel = DEFAULT_CHANNEL): InvalidationTransport {
  let client: pg.Client | null = null;
  let closed = false;
  let delay = RECONNECT_MIN_MS;
  let timer: NodeJS.Timeout | undefined;
  let failing = false;

  const connect = async (handlers: BusHandlers, reconnecting: boolean): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on("notification", (message) => {
      if (message.channel !== channel || !message.payload) return;
      const event = parseEvent(message.payload);
      if (event) handlers.onEvent(event);
    });
    const retry = () => {
      if (closed || client !== next) return;
      client = null;
      next.removeAllListeners("error");
      next.on("error", () => undefined);
      void next.end().catch(() => undefined);
      if (!failing) console.error("Cache invalidations: lost the PostgreSQL LISTEN connection; reconnecting");
      failing = true;
      timer = setTimeout(() => void connect(handlers, true).catch(() => undefined), delay);
      timer.unref();
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    };
    next.on("error", retry);
    next.on("end", retry);
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      retry();
      throw error;
    }
    delay = RECONNECT_MIN_MS;
    if (failing) console.log("Cache invalidations: PostgreSQL LISTEN connection is back");
    failing = false;
    if (reconnecting) handlers.onReconnect();
  };

  return {
    name: "postgresql",
    start: (handlers) => connect(handlers, false),
    publish: async () => undefined,
    async close() {
      closed = true;
      clearTimeout(timer);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}

/**
 * Redis pub/sub, for deployments whose PostgreSQL cannot LISTEN (a transaction-pooling proxy) or that
 * prefer Redis. ioredis reconnects by itself; a "ready" after the first one means messages may have
 * been missed.
 */
export function redisTransport(url: string, channel = DEFAULT_CHANNEL): InvalidationTransport {
  const options = { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: (times: number) => Math.min(times * 200, 2_000) };
  const subscriber = new Redis(url, options);
  const publisher = new Redis(url, options);
  let down = false;
  const noteDown = (error: Error) => {
    if (!down) console.error(`Cache invalidations: Redis is unreachable (${error.message}); PostgreSQL still carries them`);
    down = true;
  };
  subscriber.on("error", noteDown);
  publisher.on("error", noteDown);
  return {
    name: "redis",
    async start(handlers) {
      let subscribed = false;
      subscriber.on("ready", () => {
        if (down) console.log("Cache invalidations: Redis is back");
        down = false;
        // ioredis subscribes again by itself on later connections; the first one subscribes here, even
        // when Redis was down at start.
        if (!subscribed) {
          subscribed = true;
          void subscriber.subscribe(channel).catch((error: Error) => noteDown(error));
        } else {
          handlers.onReconnect();
        }
      });
      subscriber.on("message", (from: string, payload: string) => {
        if (from !== channel) return;
        const event = parseEvent(payload);
        if (event) handlers.onEvent(event);
      });
      await Promise.all([
        subscriber.connect().then(() => subscriber.subscribe(channel)).catch((error: Error) => noteDown(error)),
        publisher.connect().catch((error: Error) => noteDown(error)),
      ]);
    },
    async publish(event) {
      if (publisher.status !== "ready") return;
      await publisher.publish(channel, JSON.stringify(event)).catch((error: Error) => noteDown(error));
    },
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
