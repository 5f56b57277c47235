// No "server-only" marker: instrumentation.ts registers this outside React's server environment.
import type { InvalidateListener } from "@/lib/cache/runtime";

export interface EdgePurgeOptions {
  /** Base URLs of the caches to purge, e.g. http://varnish-1:6081/ (EDGE_PURGE_URLS). */
  targets: readonly string[];
  /** Per request; a cache that does not answer in time is logged and retried once. */
  timeoutMs?: number;
  /** Wait before the one retry of a failed purge. */
  retryDelayMs?: number;
  fetch?: typeof fetch;
  log?: Pick<Console, "error" | "info">;
}

export interface PurgeOutcome {
  target: string;
  ok: boolean;
  status?: number;
  error?: string;
}

/** The request header deploy/varnish/default.vcl reads the keys from. */
export const PURGE_KEYS_HEADER = "xkey-purge";
/** Tags per request, so that a large invalidation never makes an oversized header. */
const TAGS_PER_REQUEST = 100;

/** The targets in EDGE_PURGE_URLS (comma separated http(s) URLs); throws on anything else. */
export function purgeTargetsFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  const targets = (env.EDGE_PURGE_URLS ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  for (const target of targets) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new Error(`EDGE_PURGE_URLS: not a URL: ${target}`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`EDGE_PURGE_URLS: not an http(s) URL: ${target}`);
  }
  return targets;
}

/**
 * Purges cache tags from every cache in front (Varnish with xkey): a `PURGE` request to each target
 * with the tags, space separated, in the `xkey-purge` header. All targets at once, each with a timeout
 * and one retry; failures are logged, never thrown, because the write that caused them has committed
 * and the page's s-maxage bounds how long a missed purge can show an old page.
 */
export class EdgePurger {
  readonly #targets: readonly string[];
  readonly #timeoutMs: number;
  readonly #retryDelayMs: number;
  readonly #fetch: typeof fetch;
  readonly #log: Pick<Console, "error" | "info">;
  /** Targets whose last purge failed, to log their recovery once. */
  readonly #failing = new Set<string>();

  constructor(options: EdgePurgeOptions) {
    this.#targets = options.targets;
    this.#timeoutMs = options.timeoutMs ?? 2_000;
    this.#retryDelayMs = options.retryDelayMs ?? 250;
    this.#fetch = options.fetch ?? fetch;
    this.#log = options.log ?? console;
  }

  /**
   * The listener for onInvalidate (lib/cache/invalidate.ts). Every instance purges on every
   * invalidation it hears, its own and the others': a cache that refetched a page from an instance the
   * invalidation had not reached yet is purged again when it does.
   */
  readonly listener: InvalidateListener = (tags) => {
    void this.purge(tags);
  };

  async purge(tags: readonly string[]): Promise<PurgeOutcome[]> {
    const unique = [...new Set(tags)].filter((tag) => tag && !/[\s,]/.test(tag));
    if (unique.length === 0 || this.#targets.length === 0) return [];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += TAGS_PER_REQUEST) batches.push(unique.slice(i, i + TAGS_PER_REQUEST));
    const outcomes = await Promise.all(this.#targets.flatMap((target) => batches.map((batch) => this.#purgeTarget(target, batch))));
    return outcomes;
  }

  async #purgeTarget(target: string, tags: string[]): Promise<PurgeOutcome> {
    let outcome = await this.#send(target, tags);
    if (!outcome.ok) {
      await new Promise((resolve) => setTimeout(resolve, this.#retryDelayMs));
      outcome = await this.#send(target, tags);
    }
    if (!outcome.ok) {
      this.#failing.add(target);
      this.#log.error(`Edge purge of ${tags.join(" ")} at ${target} failed: ${outcome.error ?? `HTTP ${outcome.status}`}`);
    } else if (this.#failing.delete(target)) {
      this.#log.info(`Edge purge at ${target} works again`);
    }
    return outcome;
  }

  async #send(target: string, tags: string[]): Promise<PurgeOutcome> {
    try {
      const response = await this.#fetch(target, {
        method: "PURGE",
        headers: { [PURGE_KEYS_HEADER]: tags.join(" ") },
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      await response.body?.cancel();
      return { target, ok: response.ok, status: response.status };
    } catch (error) {
      return { target, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
