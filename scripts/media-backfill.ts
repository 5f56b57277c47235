/**
 * `npm run media:backfill`: queues the backfill of media copies (lib/media/backfill.ts) on the job queue
 * of DATABASE_URL, for uploads made before a format of copies was added (AVIF). A running Quire server's
 * worker does the work in batches and expires the pages that show the files; its log says how far it
 * got. Every server also queues it as it starts, so this is for running it again without a restart.
 * Idempotent: files that have every copy are skipped, and while a backfill waits another is not queued.
 */
import PgBoss from "pg-boss";
import { ensureQueues, JOB_SCHEMA, sendMediaVariantsJob } from "@/lib/jobs/queue";
import { resolveDatabase } from "./db/database";
import { DataDirInUseError } from "./db/embedded.mjs";

async function main(): Promise<void> {
  const database = await resolveDatabase().catch((error: unknown) => {
    if (!(error instanceof DataDirInUseError)) throw error;
    throw new Error(`${error.message}\n(The server using it queued the backfill as it started; restart it to queue it again.)`, { cause: error });
  });
  // Not a worker: no maintenance and no cron clock, one job sent (start() still creates or upgrades the schema).
  const boss = new PgBoss({ connectionString: database.url, schema: JOB_SCHEMA, application_name: "quire-media-backfill", max: 1, supervise: false, schedule: false });
  boss.on("error", (error) => console.error("Job queue error:", error));
  try {
    await boss.start();
    await ensureQueues(boss);
    const id = await sendMediaVariantsJob(boss);
    console.log(
      id
        ? `Queued the media backfill (job ${id} in schema ${JOB_SCHEMA}); a running server works it.`
        : "A media backfill is already waiting; it covers every file.",
    );
  } finally {
    await boss.stop({ graceful: false, wait: true });
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
