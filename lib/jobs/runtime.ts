import "server-only";
import type PgBoss from "pg-boss";
import type { BackfillResult } from "@/lib/media/backfill";
import {
  BACKFILL_MEDIA_VARIANTS,
  BACKFILL_POST_BODIES,
  BACKFILL_RELATED_POSTS,
  createJobQueue,
  ensureQueues,
  PRUNE_AUDIT_LOG,
  PRUNE_AUDIT_LOG_CRON,
  PUBLISH_SCHEDULED_POST,
  sendBodyBackfillJob,
  sendMediaVariantsJob,
  sendPublishJob,
  sendRelatedBackfillJob,
  type BodyBackfillJob,
  type MediaVariantsJob,
  type PublishScheduledPostJob,
  type SqlExecutor,
} from "@/lib/jobs/queue";
import type { BodyBackfillResult } from "@/lib/posts/body-backfill";

// Each job's code is imported when a job of its kind first runs, not with this module: instrumentation.ts
// imports it in every server at start, and publishing and the backfills bring the post renderer (Tiptap,
// Shiki, KaTeX) and the media pipeline, which a server that has no such job to run never needs.

export interface JobRuntimeOptions {
  connectionString: string;
  /** How often an idle worker asks for due jobs (pg-boss allows 0.5 s at least). */
  pollingIntervalSeconds?: number;
  /** Expires the public pages a scheduled publish changed (lib/cache/invalidate.ts in the server: every instance hears of it). */
  expirePages: (tags: readonly string[]) => Promise<void> | void;
}

export interface JobRuntime {
  readonly boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * Runs one publish job. Safe to run twice or concurrently for the same job: publishScheduledPost's
 * conditional update lets exactly one run publish.
 */
export async function runPublishJob(data: PublishScheduledPostJob, expirePages: JobRuntimeOptions["expirePages"]): Promise<boolean> {
  const at = new Date(data.at);
  if (typeof data.postId !== "string" || Number.isNaN(at.getTime())) throw new Error(`Malformed ${PUBLISH_SCHEDULED_POST} job`);
  const [{ publishScheduledPost }, { record }] = await Promise.all([import("@/lib/posts/schedule"), import("@/lib/audit")]);
  const published = await publishScheduledPost(data.postId, at);
  if (!published) return false;
  // No staff member acted: the log names the schedule (no actor, no address) and when it was set for.
  await record(null, "post.publish", { type: "post", id: data.postId, label: published.title }, { scheduled: true, at: at.toISOString() }, { address: null });
  try {
    await expirePages(published.publicTags);
  } catch (error) {
    // The post is live; its pages still expire at their timed refresh. Retrying the job would not help.
    console.error(`Published scheduled post ${data.postId}, but could not expire its cached pages`, error);
  }
  return true;
}

/**
 * Runs one batch of the media backfill and queues the next through `queueNext` while rows are left.
 * Safe to run twice: the backfill is idempotent.
 */
export async function runMediaVariantsJob(
  data: MediaVariantsJob,
  expirePages: JobRuntimeOptions["expirePages"],
  queueNext: (after: string) => Promise<unknown>,
): Promise<BackfillResult> {
  const after = typeof data.after === "string" ? data.after : undefined;
  const { backfillMediaVariants } = await import("@/lib/media/backfill");
  const result = await backfillMediaVariants({ after });
  if (result.filled.length + result.failed.length > 0) {
    const files = (count: number) => `${count} file${count === 1 ? "" : "s"}`;
    console.info(`Media backfill: made the missing copies of ${files(result.filled.length)}${result.failed.length ? `; ${files(result.failed.length)} could not be read (${result.failed.join(", ")})` : ""}.`);
  }
  try {
    if (result.publicTags.length > 0) await expirePages(result.publicTags);
  } catch (error) {
    // The copies are recorded; pages that still show only the older ones are right, just larger.
    console.error("Media backfill: could not expire the cached pages of the files it filled", error);
  }
  if (result.next !== null) await queueNext(result.next);
  return result;
}

/**
 * Runs one batch of the stored-body backfill and queues the next through `queueNext` while posts are
 * left. Safe to run twice: the backfill is idempotent. No page is expired: a page shows the same HTML
 * whether it rendered the body itself or reads the stored one.
 */
export async function runBodyBackfillJob(data: BodyBackfillJob, queueNext: (after: string) => Promise<unknown>, limit?: number): Promise<BodyBackfillResult> {
  const after = typeof data.after === "string" ? data.after : undefined;
  const { backfillStoredBodies, BODY_BACKFILL_BATCH } = await import("@/lib/posts/body-backfill");
  const result = await backfillStoredBodies({ after, limit: limit ?? BODY_BACKFILL_BATCH });
  if (result.filled.length + result.failed.length > 0) {
    const posts = (count: number) => `${count} post${count === 1 ? "" : "s"}`;
    console.info(`Body backfill: stored the body HTML of ${posts(result.filled.length)}${result.failed.length ? `; ${posts(result.failed.length)} could not be rendered (${result.failed.join(", ")})` : ""}.`);
  }
  if (result.next !== null) await queueNext(result.next);
  return result;
}

/**
 * Runs one batch of the related-posts backfill and queues the next through `queueNext` while the batch
 * stored any list (a batch that stored none found every published post with one). Returns how many it
 * stored. No page is expired: a page without a stored list ranks the same list itself.
 */
export async function runRelatedBackfillJob(queueNext: () => Promise<unknown>): Promise<number> {
  const { backfillRelatedPosts } = await import("@/lib/related-posts");
  const stored = await backfillRelatedPosts();
  if (stored > 0) await queueNext();
  return stored;
}

/**
 * The pause between batches of the related-posts backfill: a batch holds the lock writes to posts wait
 * for (up to about half a second), so spacing them leaves writers most of the time, and the first start
 * after an upgrade does not spend minutes of database time at once (10,000 posts: 1,250 batches, about
 * 25 minutes in the background).
 */
const RELATED_BACKFILL_PAUSE_SECONDS = 1;

function poolExecutor(boss: PgBoss): SqlExecutor {
  return boss.getDb() as SqlExecutor;
}

/**
 * Starts a worker for the site's jobs: creates or upgrades pg-boss's schema (under its advisory lock, so
 * several instances may start together), creates the queues, queues a publish for every scheduled post
 * whose time passed without one (a job lost with its retention, say; duplicates are harmless), a
 * backfill of missing media copies, one of missing stored post bodies and one of missing related-post
 * lists, and works the queues. Every instance runs one; pg-boss hands each job to one of them.
 */
export async function startJobRuntime(options: JobRuntimeOptions): Promise<JobRuntime> {
  const boss = createJobQueue({ connectionString: options.connectionString });
  boss.on("error", (error) => console.error("Job queue error:", error));
  await boss.start();
  try {
    await ensureQueues(boss);
    const { listOverdueScheduledPosts } = await import("@/lib/posts/schedule");
    for (const post of await listOverdueScheduledPosts()) await sendPublishJob(poolExecutor(boss), post.id, post.scheduledAt);
    await boss.work<PublishScheduledPostJob>(
      PUBLISH_SCHEDULED_POST,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1, batchSize: 1 },
      async (jobs) => {
        for (const job of jobs) await runPublishJob(job.data, options.expirePages);
      },
    );
    await boss.work<MediaVariantsJob>(BACKFILL_MEDIA_VARIANTS, { pollingIntervalSeconds: 2, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) await runMediaVariantsJob(job.data, options.expirePages, (after) => sendMediaVariantsJob(boss, after));
    });
    // Uploads from before a format of copies was added get it; a pass over rows that lack nothing reads no file.
    await sendMediaVariantsJob(boss);
    await boss.work<BodyBackfillJob>(BACKFILL_POST_BODIES, { pollingIntervalSeconds: 2, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) await runBodyBackfillJob(job.data, (after) => sendBodyBackfillJob(boss, after));
    });
    // Posts stored before their renderer changed, or before saves stored a rendering, get one; a pass over
    // posts that lack nothing renders nothing.
    await sendBodyBackfillJob(boss);
    await boss.work(BACKFILL_RELATED_POSTS, { pollingIntervalSeconds: 2, batchSize: 1 }, async () => {
      await runRelatedBackfillJob(() => sendRelatedBackfillJob(boss, RELATED_BACKFILL_PAUSE_SECONDS));
    });
    // Published posts from before related lists were stored get theirs, so their first page view reads one row.
    await sendRelatedBackfillJob(boss);
    // Every instance (re)states the same schedule; pg-boss runs it once a day whichever instance works it.
    await boss.schedule(PRUNE_AUDIT_LOG, PRUNE_AUDIT_LOG_CRON, {}, { tz: "UTC" });
    await boss.work(PRUNE_AUDIT_LOG, { pollingIntervalSeconds: 60, batchSize: 1 }, async () => {
      const { pruneAuditLog } = await import("@/lib/audit/retention");
      const pruned = await pruneAuditLog();
      if (pruned.auditEntries + pruned.lockouts > 0) console.info(`Audit log: deleted ${pruned.auditEntries} entries and ${pruned.lockouts} lock-outs past retention.`);
    });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw error;
  }
  return {
    boss,
    // Jobs under way finish first (each is one transaction, so a stop cut short repeats nothing).
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}

const RUNNING = Symbol.for("quire.jobs");
const RETRY_MS = 30_000;

/**
 * Starts this server's job worker in the background (instrumentation.ts), retrying every 30 s while the
 * database refuses, so a slow database delays scheduled publishing rather than the site. Once per process.
 */
export function startServerJobs(options: JobRuntimeOptions): void {
  const state = globalThis as Record<symbol, { runtime?: JobRuntime; stopped?: boolean } | undefined>;
  if (state[RUNNING]) return;
  const slot: { runtime?: JobRuntime; stopped?: boolean } = {};
  state[RUNNING] = slot;
  const attempt = () => {
    startJobRuntime(options).then(
      (runtime) => {
        if (slot.stopped) void runtime.stop();
        else slot.runtime = runtime;
      },
      (error: unknown) => {
        console.error(`Could not start the job queue; trying again in ${RETRY_MS / 1000} s.`, error);
        if (!slot.stopped) setTimeout(attempt, RETRY_MS).unref();
      },
    );
  };
  attempt();
  const stop = () => {
    slot.stopped = true;
    void slot.runtime?.stop().catch((error: unknown) => console.error("Job queue did not stop cleanly", error));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
