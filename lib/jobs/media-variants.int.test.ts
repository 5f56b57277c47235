/**
 * The media backfill through the real queue: a worker started as the server starts one queues it, works
 * it in chained batches, and expires the pages of the files it filled. Files go to a temporary MEDIA_DIR.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { BACKFILL_MEDIA_VARIANTS, JOB_SCHEMA } from "@/lib/jobs/queue";
import { BACKFILL_BATCH } from "@/lib/media/backfill";
import { runMediaVariantsJob, startJobRuntime, type JobRuntime } from "@/lib/jobs/runtime";
import { processImage } from "@/lib/media/image";
import { createMedia, variantsOf, type MediaItem } from "@/lib/media/media";
import { mediaStorage } from "@/lib/storage";
import type { SessionUser } from "@/lib/users";
import { createStaff, removeCreatedData, waitFor } from "@/tests/integration/fixtures";

const connectionString = process.env.DATABASE_URL!;
let mediaDir: string;
let author: SessionUser;
const created: string[] = [];
let runtime: JobRuntime | undefined;

beforeAll(async () => {
  mediaDir = await mkdtemp(path.join(tmpdir(), "quire-backfill-int-"));
  process.env.MEDIA_DIR = mediaDir;
  author = await createStaff("AUTHOR");
});

afterAll(async () => {
  await runtime?.stop();
  await db.media.deleteMany({ where: { id: { in: created } } });
  await removeCreatedData();
  await rm(mediaDir, { recursive: true, force: true });
});

/** An upload as uploads were before AVIF copies: WebP copies only, on disk and on its row. */
async function olderUpload(width = 480): Promise<MediaItem> {
  const png = await sharp({ create: { width: width + created.length, height: 320, channels: 3, background: { r: 90, g: created.length * 40, b: 200 } } }).png().toBuffer();
  const item = await createMedia(author, { originalName: "older.png", image: await processImage(png) });
  created.push(item.id);
  const variants = variantsOf((await db.media.findUniqueOrThrow({ where: { id: item.id }, select: { variants: true } })).variants);
  await Promise.all(variants.filter((variant) => variant.key.endsWith(".avif")).map((variant) => mediaStorage().delete(variant.key)));
  await db.media.update({ where: { id: item.id }, data: { variants: variants.filter((variant) => variant.key.endsWith(".webp")) as unknown as object[] } });
  return item;
}

/** `items` in the order batches meet them (by id, as the database sorts), and the cursor just before the first. */
async function inBatchOrder(items: MediaItem[]): Promise<{ keys: string[]; ids: string[]; before: string }> {
  const rows = await db.media.findMany({ where: { id: { in: items.map((item) => item.id) } }, orderBy: { id: "asc" }, select: { id: true, key: true } });
  const previous = await db.media.findFirst({ where: { id: { lt: rows[0]!.id } }, orderBy: { id: "desc" }, select: { id: true } });
  return { keys: rows.map((row) => row.key), ids: rows.map((row) => row.id), before: previous?.id ?? "" };
}

const avifKeys = async (id: string) =>
  variantsOf((await db.media.findUniqueOrThrow({ where: { id }, select: { variants: true } })).variants)
    .map((variant) => variant.key)
    .filter((key) => key.endsWith(".avif"));

describe("the media backfill job", () => {
  it("runs when a worker starts and fills older uploads, expiring their pages", async () => {
    const items = [await olderUpload(), await olderUpload()];
    // A backfill left waiting or running by an earlier, killed test run would hold this one back.
    await db.$executeRawUnsafe(`DELETE FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`, BACKFILL_MEDIA_VARIANTS).catch(() => undefined);
    const expired: string[][] = [];
    runtime = await startJobRuntime({ connectionString, pollingIntervalSeconds: 0.5, expirePages: (tags) => void expired.push([...tags]) });
    for (const item of items) {
      const keys = await waitFor(() => avifKeys(item.id), (found) => found.length === 2);
      expect(keys.sort()).toEqual([320, 480 + created.indexOf(item.id)].map((width) => item.key.replace(".png", `-${width}.avif`)).sort());
      for (const key of keys) await expect(stat(path.join(mediaDir, key))).resolves.toBeTruthy();
      // The batch expires its files' pages once all of them are recorded.
      expect(await waitFor(async () => expired.flat(), (tags) => tags.includes(`media:${item.key}`))).toContain(`media:${item.key}`);
    }
  });

  it("queues the next batch while rows are left, and none after the last", async () => {
    await runtime?.stop();
    runtime = undefined;
    const items: MediaItem[] = [];
    for (let i = 0; i < BACKFILL_BATCH + 1; i += 1) items.push(await olderUpload(24));
    const order = await inBatchOrder(items);
    const queued: string[] = [];
    const queueNext = async (after: string) => void queued.push(after);
    const first = await runMediaVariantsJob({ after: order.before }, () => undefined, queueNext);
    expect(first.filled).toEqual(order.keys.slice(0, BACKFILL_BATCH));
    expect(first.next).toBe(order.ids[BACKFILL_BATCH - 1]);
    expect(queued).toEqual([first.next]);
    const second = await runMediaVariantsJob({ after: first.next! }, () => undefined, queueNext);
    expect(second).toMatchObject({ filled: [order.keys[BACKFILL_BATCH]], next: null });
    expect(queued).toHaveLength(1);
  });
});
