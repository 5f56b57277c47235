import "server-only";
import PgBoss from "pg-boss";

/**
 * The job queue: pg-boss on the site's own PostgreSQL, in a schema of its own that pg-boss creates and
 * upgrades when a worker starts (under an advisory lock, so several instances may start at once). Prisma
 * manages only `public` and never sees it.
 */
export const JOB_SCHEMA = "pgboss";

/** Publishes one scheduled post; data is PublishScheduledPostJob. */
export const PUBLISH_SCHEDULED_POST = "publish-scheduled-post";

/** Deletes audit entries past their retention (lib/audit/retention.ts); run daily by a cron schedule. */
export const PRUNE_AUDIT_LOG = "prune-audit-log";

/** When PRUNE_AUDIT_LOG runs: daily at 03:17 UTC, a quiet hour away from the top of the hour. */
export const PRUNE_AUDIT_LOG_CRON = "17 3 * * *";

/**
 * Gives older uploads the copies made only since (AVIF ones) in batches (lib/media/backfill.ts), each
 * job queuing the next; data is MediaVariantsJob. Queued by every worker at start and by
 * scripts/media-backfill.ts; at most one waits and one runs, so queuing it again is harmless.
 */
export const BACKFILL_MEDIA_VARIANTS = "backfill-media-variants";

/**
 * Stores the reader's body HTML and table of contents for posts that lack them (lib/posts/body-backfill.ts)
 * in batches, each job queuing the next; data is BodyBackfillJob. Queued by every worker at start; at
 * most one waits and one runs, so queuing it again is harmless.
 */
export const BACKFILL_POST_BODIES = "backfill-post-bodies";

/**
 * Ranks and stores the related posts of published posts that have no stored list (lib/related-posts.ts)
 * in batches, each job queuing the next while a batch stored any; no data. Queued by every worker at
 * start; at most one waits and one runs, so queuing it again is harmless.
 */
export const BACKFILL_RELATED_POSTS = "backfill-related-posts";

export interface BodyBackfillJob {
  /** The post (by id) after which this batch starts; none for the first. */
  after?: string;
}

export interface MediaVariantsJob {
  /** The media row (by id) after which this batch starts; none for the first. */
  after?: string;
}

export interface PublishScheduledPostJob {
  postId: string;
  /** The scheduled time the job was made for (ISO). A post rescheduled since then is left alone. */
  at: string;
}

export interface JobQueueOptions {
  connectionString: string;
  /** How often an idle worker looks for due jobs; pg-boss allows 0.5 s at least. */
  pollingIntervalSeconds?: number;
}

/** A pg-boss instance for this site's queue; call start() on it (lib/jobs/runtime.ts does). */
export function createJobQueue({ connectionString }: JobQueueOptions): PgBoss {
  return new PgBoss({
    connectionString,
    schema: JOB_SCHEMA,
    application_name: "quire-jobs",
    max: 3,
    // Cron for the daily pruning only; pg-boss keeps one clock for every instance (publish jobs carry their own start time).
    schedule: true,
  });
}

/** Creates the site's queues if they are missing. */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  await ensureQueue(boss, BACKFILL_MEDIA_VARIANTS, {
    name: BACKFILL_MEDIA_VARIANTS,
    policy: "stately",
    retryLimit: 3,
    retryDelay: 60,
    // A batch is a few files of a few seconds each; a stuck one is retried after this.
    expireInSeconds: 900,
    retentionMinutes: 60 * 24 * 7,
  });
  await ensureQueue(boss, BACKFILL_POST_BODIES, {
    name: BACKFILL_POST_BODIES,
    policy: "stately",
    retryLimit: 3,
    retryDelay: 60,
    // A batch renders a few dozen posts, seconds at most; a stuck one is retried after this.
    expireInSeconds: 600,
    retentionMinutes: 60 * 24 * 7,
  });
  await ensureQueue(boss, BACKFILL_RELATED_POSTS, {
    name: BACKFILL_RELATED_POSTS,
    policy: "stately",
    retryLimit: 3,
    retryDelay: 60,
    // A batch ranks a few dozen posts, seconds at most; a stuck one is retried after this.
    expireInSeconds: 600,
    retentionMinutes: 60 * 24 * 7,
  });
  await ensureQueue(boss, PRUNE_AUDIT_LOG, { name: PRUNE_AUDIT_LOG, policy: "singleton", retryLimit: 3, retryDelay: 60, expireInSeconds: 600, retentionMinutes: 60 * 24 * 7 });
  const existing = await boss.getQueue(PUBLISH_SCHEDULED_POST);
  if (existing) return;
  try {
    await boss.createQueue(PUBLISH_SCHEDULED_POST, {
      name: PUBLISH_SCHEDULED_POST,
      policy: "standard",
      // A failure (database restarting, say) is retried for about an hour; the handler is idempotent.
      retryLimit: 12,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 120,
      // Keep finished jobs a week for inspection; a due job is never removed before it ran.
      retentionMinutes: 60 * 24 * 7,
    });
  } catch (error) {
    // Another instance created it between the check and here.
    if (!(await boss.getQueue(PUBLISH_SCHEDULED_POST))) throw error;
  }
}

async function ensureQueue(boss: PgBoss, name: string, options: PgBoss.Queue): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, options);
  } catch (error) {
    // Another instance created it between the check and here.
    if (!(await boss.getQueue(name))) throw error;
  }
}

/** Runs SQL for pg-boss through a caller's connection, e.g. inside a Prisma transaction. */
export interface SqlExecutor {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

// Builds pg-boss's insert statements only; every send passes the connection to use, so it never opens a pool.
const sender = new PgBoss({
  schema: JOB_SCHEMA,
  db: {
    executeSql: () => Promise.reject(new Error("The job sender has no connection of its own; pass one.")),
  },
});

/**
 * Queues the publish of a scheduled post for `at`, through `executor` (the schedule's own transaction,
 * so the job exists exactly when the schedule was committed). Returns the job id.
 */
export async function sendPublishJob(executor: SqlExecutor, postId: string, at: Date): Promise<string | null> {
  const data: PublishScheduledPostJob = { postId, at: at.toISOString() };
  return sender.send(PUBLISH_SCHEDULED_POST, data, { startAfter: at, db: executor as PgBoss.Db });
}

/**
 * Queues a backfill of media copies starting at the first row (or after `after`). Returns the job id,
 * or null when one is already waiting (it covers every row, so nothing is lost).
 */
export async function sendMediaVariantsJob(boss: PgBoss, after?: string): Promise<string | null> {
  const data: MediaVariantsJob = after ? { after } : {};
  return boss.send(BACKFILL_MEDIA_VARIANTS, data);
}

/**
 * Queues a backfill of stored post bodies starting at the first post (or after `after`). Returns the job
 * id, or null when one is already waiting (it covers every post, so nothing is lost).
 */
export async function sendBodyBackfillJob(boss: PgBoss, after?: string): Promise<string | null> {
  const data: BodyBackfillJob = after ? { after } : {};
  return boss.send(BACKFILL_POST_BODIES, data);
}

/**
 * Queues a batch of the related-posts backfill, to start `afterSeconds` from now. Returns the job id, or
 * null when one is already waiting (each batch takes whichever posts still lack a list, so nothing is lost).
 */
export async function sendRelatedBackfillJob(boss: PgBoss, afterSeconds = 0): Promise<string | null> {
  return boss.send(BACKFILL_RELATED_POSTS, {}, afterSeconds > 0 ? { startAfter: afterSeconds } : {});
}
