// No "server-only" marker: loaded by instrumentation.ts through lib/cache/runtime.ts.
import type { Pool } from "pg";
import { isStale, latestExpiration, type TagExpirations } from "@/lib/cache/tags";

/**
 * This instance's copy of every tag's last expiration: loaded from PostgreSQL at start, and kept up
 * to date by the invalidation bus (lib/cache/bus.ts). Reads are synchronous map lookups, so the cache
 * handlers can check every entry against it for free.
 */
export class TagStore {
  readonly #expirations = new Map<string, number>();

  get expirations(): TagExpirations {
    return this.#expirations;
  }

  latest(tags: Iterable<string>): number {
    return latestExpiration(this.#expirations, tags);
  }

  isStale(tags: Iterable<string>, createdAt: number): boolean {
    return isStale(this.#expirations, tags, createdAt);
  }

  /** Records that `tags` expired at `at`; a tag keeps the later of its known and the given time. */
  record(tags: Iterable<string>, at: number): void {
    for (const tag of tags) {
      const known = this.#expirations.get(tag);
      if (known === undefined || known < at) this.#expirations.set(tag, at);
    }
  }

  /**
   * Takes in the rows of the durable table (after a start or a reconnection). A row later than what is
   * known here is recorded at `now` or its own time, whichever is later: this instance may have cached
   * entries while it was missing that invalidation, and they must all count as older than it.
   * Returns the tags that changed.
   */
  merge(rows: Iterable<readonly [string, number]>, now: number): string[] {
    const changed: string[] = [];
    for (const [tag, at] of rows) {
      const known = this.#expirations.get(tag);
      if (known === undefined || known < at) {
        this.#expirations.set(tag, Math.max(at, now));
        changed.push(tag);
      }
    }
    return changed;
  }
}

/** The durable side of the tag expirations: the cache_tag_expirations table. */
export interface TagTable {
  load(): Promise<Array<[string, number]>>;
  /**
   * Records `tags` as expired at `at` and, in the same statement, notifies `channel` with `payload`
   * (PostgreSQL delivers a NOTIFY at commit, so a listener that hears it also finds the rows).
   */
  save(tags: readonly string[], at: number, notify?: { channel: string; payload: string }): Promise<void>;
}

export function pgTagTable(pool: Pool): TagTable {
  return {
    async load() {
      const { rows } = await pool.query<{ tag: string; at: string }>(
        `SELECT tag, (extract(epoch FROM expired_at) * 1000)::bigint::text AS at FROM cache_tag_expirations`,
      );
      return rows.map((row) => [row.tag, Number(row.at)] as [string, number]);
    },
    async save(tags, at, notify) {
      const upsert = `INSERT INTO cache_tag_expirations (tag, expired_at)
        SELECT t, to_timestamp($2::double precision / 1000) FROM unnest($1::text[]) AS t
        ON CONFLICT (tag) DO UPDATE SET expired_at = GREATEST(cache_tag_expirations.expired_at, EXCLUDED.expired_at)`;
      if (!notify) {
        await pool.query(upsert, [tags, at]);
        return;
      }
      await pool.query(`WITH saved AS (${upsert} RETURNING 1) SELECT pg_notify($3, $4) FROM (SELECT count(*) FROM saved) AS done`, [
        tags,
        at,
        notify.channel,
        notify.payload,
      ]);
    },
  };
}
