/**
 * The related-posts backfill as the job queue runs it: a worker started as the server starts one queues
 * it, and each batch queues the next while it stored any list.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { BACKFILL_RELATED_POSTS, JOB_SCHEMA } from "@/lib/jobs/queue";
import { runRelatedBackfillJob, startJobRuntime, type JobRuntime } from "@/lib/jobs/runtime";
import { createDraft, savePost } from "@/lib/posts";
import type { SessionUser } from "@/lib/users";
import { createStaff, docJson, postInput, removeCreatedData, uniqueName, waitFor } from "@/tests/integration/fixtures";

const connectionString = process.env.DATABASE_URL!;
let author: SessionUser;
let runtime: JobRuntime | undefined;

beforeAll(async () => {
  author = await createStaff("AUTHOR");
});

afterAll(async () => {
  await runtime?.stop();
  await removeCreatedData();
});

async function published(tag: string) {
  const { id } = await createDraft(author);
  const title = uniqueName("Backfilled relations");
  const { post } = await savePost(author, postInput({ id, version: 1, title, tags: [tag], content: docJson(`Body of ${title}.`) }), "publish");
  return post;
}

const storedIds = async (id: string) =>
  (await db.$queryRaw<{ related_ids: string[] }[]>`SELECT related_ids FROM post_related WHERE post_id = ${id}`)[0]?.related_ids ?? null;

describe("the related-posts backfill job", () => {
  it("runs when a worker starts and stores the lists of published posts that have none", async () => {
    const tag = uniqueName("Relations");
    const [first, second] = [await published(tag), await published(tag)];
    await db.$executeRaw`DELETE FROM post_related WHERE post_id IN (${first.id}, ${second.id})`;
    // A backfill left waiting or running by an earlier, killed test run would hold this one back.
    await db.$executeRawUnsafe(`DELETE FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`, BACKFILL_RELATED_POSTS).catch(() => undefined);
    runtime = await startJobRuntime({ connectionString, pollingIntervalSeconds: 0.5, expirePages: () => undefined });
    expect(await waitFor(() => storedIds(first.id), (ids) => ids !== null)).toContain(second.id);
    expect(await waitFor(() => storedIds(second.id), (ids) => ids !== null)).toContain(first.id);
  });

  it("queues the next batch after one that stored lists, and none after one that found nothing to store", async () => {
    await runtime?.stop();
    runtime = undefined;
    const tag = uniqueName("Relations");
    const [first, second] = [await published(tag), await published(tag)];
    await db.$executeRaw`DELETE FROM post_related WHERE post_id IN (${first.id}, ${second.id})`;
    let queued = 0;
    const queueNext = async () => void (queued += 1);
    let batches = 0;
    for (let stored = await runRelatedBackfillJob(queueNext); stored > 0; stored = await runRelatedBackfillJob(queueNext)) batches += 1;
    expect(batches).toBeGreaterThan(0);
    expect(queued).toBe(batches);
    // Sharing a tag, each is the other's first related post.
    expect((await storedIds(first.id))?.[0]).toBe(second.id);
    expect((await storedIds(second.id))?.[0]).toBe(first.id);
  });
});
