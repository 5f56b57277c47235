/**
 * Scheduled publishing through the real queue: pg-boss workers on the test database, as the server
 * runs them (lib/jobs/runtime.ts), two at once where instances would race.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { BODY_RENDERER } from "@/lib/posts/stored-body";
import { JOB_SCHEMA, PUBLISH_SCHEDULED_POST } from "@/lib/jobs/queue";
import { runPublishJob, startJobRuntime, type JobRuntime } from "@/lib/jobs/runtime";
import { savePost } from "@/lib/posts";
import { getPostSchedule, publishScheduledPost, schedulePost, unschedulePost } from "@/lib/posts/schedule";
import { cacheTags } from "@/lib/cache/tags";
import type { SessionUser } from "@/lib/users";
import { createStaffSet, docJson, expectDomainError, postInput, removeCreatedData, uniqueName, waitFor } from "@/tests/integration/fixtures";

const connectionString = process.env.DATABASE_URL!;
let author: SessionUser;
let otherAuthor: SessionUser;
let contributor: SessionUser;
const running: JobRuntime[] = [];

beforeAll(async () => {
  ({ author, otherAuthor, contributor } = await createStaffSet());
  // Creates pg-boss's schema and queue on this database, as a server start does.
  const setup = await startJobRuntime({ connectionString, expirePages: () => undefined });
  await setup.stop();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((runtime) => runtime.stop()));
});

afterAll(async () => {
  await removeCreatedData();
});

async function draft(actor: SessionUser = author) {
  const { post } = await savePost(actor, postInput({ title: uniqueName("Scheduled"), content: docJson("Goes live later.") }), "save");
  return post;
}

function startWorker(expired: string[][]) {
  return startJobRuntime({ connectionString, pollingIntervalSeconds: 0.5, expirePages: (tags) => void expired.push([...tags]) }).then((runtime) => {
    running.push(runtime);
    return runtime;
  });
}

const jobsFor = (postId: string) =>
  db.$queryRawUnsafe<{ state: string }[]>(`SELECT state FROM ${JOB_SCHEMA}.job WHERE name = $1 AND data->>'postId' = $2`, PUBLISH_SCHEDULED_POST, postId);

describe("scheduled publishing", () => {
  it("queues the job with the schedule, in one transaction", async () => {
    const post = await draft();
    const at = new Date(Date.now() + 60 * 60 * 1000);
    expect(await schedulePost(author, post.id, at)).toEqual({ status: "SCHEDULED", scheduledAt: at });
    expect(await getPostSchedule(author, post.id)).toEqual({ status: "SCHEDULED", scheduledAt: at });
    expect(await jobsFor(post.id)).toEqual([{ state: "created" }]);
    expect((await db.postRevision.findFirst({ where: { postId: post.id }, orderBy: { createdAt: "desc" } }))?.kind).toBe("SCHEDULE");
    // The editor's version is untouched: scheduling does not conflict with the text being written.
    const row = await db.post.findUniqueOrThrow({ where: { id: post.id } });
    expect(row.version).toBe(post.version);
    // The readers' HTML is ready for when it goes live.
    expect(row.bodyHtmlRenderer).toBe(BODY_RENDERER);
    expect(row.bodyHtml).toMatch(/^<p>/);
  });

  it("publishes a due post exactly once when two workers race for it", async () => {
    const post = await draft();
    const at = new Date(Date.now() + 1500);
    await schedulePost(author, post.id, at);
    const expired: string[][] = [];
    await Promise.all([startWorker(expired), startWorker(expired)]);

    const row = await waitFor(() => db.post.findUniqueOrThrow({ where: { id: post.id } }), (p) => p.status === "PUBLISHED");
    expect(row).toMatchObject({ status: "PUBLISHED", scheduledAt: null, publishedAt: at });
    expect(await waitFor(() => jobsFor(post.id), (jobs) => jobs.every((job) => job.state === "completed"))).toEqual([{ state: "completed" }]);
    const publishes = await db.postRevision.findMany({ where: { postId: post.id, kind: "PUBLISH" } });
    expect(publishes).toHaveLength(1);
    expect(publishes[0]!.authorId).toBeNull();
    // The pages a manual publish would expire, once.
    expect(expired).toHaveLength(1);
    const { slug: authorSlug } = await db.user.findUniqueOrThrow({ where: { id: author.id }, select: { slug: true } });
    expect(expired[0]).toEqual(expect.arrayContaining([cacheTags.postList, cacheTags.post(row.slug), cacheTags.author(authorSlug)]));
  });

  it("runs the same job twice at once and publishes once", async () => {
    const post = await draft();
    const at = new Date(Date.now() + 60_000);
    await schedulePost(author, post.id, at);
    const expired: string[][] = [];
    const results = await Promise.all([0, 1, 2].map(() => runPublishJob({ postId: post.id, at: at.toISOString() }, (tags) => void expired.push([...tags]))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(expired).toHaveLength(1);
    expect(await db.postRevision.count({ where: { postId: post.id, kind: "PUBLISH" } })).toBe(1);
  });

  it("publishes a post that fell due while no worker ran, as soon as one starts", async () => {
    const post = await draft();
    const at = new Date(Date.now() + 300);
    await schedulePost(author, post.id, at);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("SCHEDULED");

    await startWorker([]);
    const row = await waitFor(() => db.post.findUniqueOrThrow({ where: { id: post.id } }), (p) => p.status === "PUBLISHED");
    expect(row.status).toBe("PUBLISHED");
  });

  it("publishes at start-up an overdue post whose job is gone", async () => {
    const post = await draft();
    await schedulePost(author, post.id, new Date(Date.now() + 200));
    // As if pg-boss had dropped the job (retention) or the queue had been cleared.
    await db.$executeRawUnsafe(`DELETE FROM ${JOB_SCHEMA}.job WHERE data->>'postId' = $1`, post.id);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await startWorker([]);
    const row = await waitFor(() => db.post.findUniqueOrThrow({ where: { id: post.id } }), (p) => p.status === "PUBLISHED");
    expect(row.status).toBe("PUBLISHED");
  });

  it("leaves a post alone whose schedule changed after its job was queued", async () => {
    const rescheduled = await draft();
    const first = new Date(Date.now() + 60_000);
    await schedulePost(author, rescheduled.id, first);
    const later = new Date(Date.now() + 2 * 60 * 60 * 1000);
    await schedulePost(author, rescheduled.id, later);
    expect(await publishScheduledPost(rescheduled.id, first)).toBeNull();
    expect((await db.post.findUniqueOrThrow({ where: { id: rescheduled.id } })).status).toBe("SCHEDULED");

    const unscheduled = await draft();
    const at = new Date(Date.now() + 60_000);
    await schedulePost(author, unscheduled.id, at);
    expect(await unschedulePost(author, unscheduled.id)).toEqual({ status: "DRAFT", scheduledAt: null });
    expect(await publishScheduledPost(unscheduled.id, at)).toBeNull();
    expect((await db.post.findUniqueOrThrow({ where: { id: unscheduled.id } })).status).toBe("DRAFT");
  });

  it("publishing by hand ends the schedule", async () => {
    const post = await draft();
    const at = new Date(Date.now() + 60_000);
    await schedulePost(author, post.id, at);
    await savePost(author, postInput({ id: post.id, version: post.version, title: post.title, content: docJson("Now.") }), "publish");
    expect(await db.post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ status: "PUBLISHED", scheduledAt: null });
    expect(await publishScheduledPost(post.id, at)).toBeNull();
  });

  it("refuses times in the past, published posts, and staff who may not publish the post", async () => {
    const post = await draft();
    await expectDomainError(schedulePost(author, post.id, new Date(Date.now() - 1000)), "INVALID_INPUT");
    await expectDomainError(schedulePost(otherAuthor, post.id, new Date(Date.now() + 60_000)), "NOT_FOUND");
    const own = await draft(contributor);
    await expectDomainError(schedulePost(contributor, own.id, new Date(Date.now() + 60_000)), "FORBIDDEN");
    await savePost(author, postInput({ id: post.id, version: post.version, title: post.title, content: docJson("Live.") }), "publish");
    await expectDomainError(schedulePost(author, post.id, new Date(Date.now() + 60_000)), "INVALID_STATE");
    await expectDomainError(unschedulePost(author, post.id), "INVALID_STATE");
  });
});
