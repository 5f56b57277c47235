/**
 * The stored-body backfill: posts without a current rendering of their body (stored before saves stored
 * one, or by another renderer) get it, as a save would store it, without moving their updated_at; a
 * worker started as the server starts one queues it and works it in chained batches.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { PostDoc } from "@/lib/editor/doc";
import { listHeadings, tableOfContents } from "@/lib/editor/headings";
import { BACKFILL_POST_BODIES, JOB_SCHEMA } from "@/lib/jobs/queue";
import { runBodyBackfillJob, startJobRuntime, type JobRuntime } from "@/lib/jobs/runtime";
import { createDraft, getPublishedPost, savePost } from "@/lib/posts";
import { backfillStoredBodies } from "@/lib/posts/body-backfill";
import { backgroundRenderTools, renderPostBodyHtml, type BodyRenderTools } from "@/lib/posts/body-html";
import { BODY_RENDERER } from "@/lib/posts/stored-body";
import type { SessionUser } from "@/lib/users";
import { createStaff, docJson, docOf, postInput, removeCreatedData, uniqueName, waitFor } from "@/tests/integration/fixtures";

const connectionString = process.env.DATABASE_URL!;
let author: SessionUser;
let runtime: JobRuntime | undefined;

const sections = [{ heading: "First part" }, "One.", { heading: "Second part" }, "Two.", { heading: "Third part" }, "Three."] as const;

beforeAll(async () => {
  author = await createStaff("AUTHOR");
});

afterAll(async () => {
  await runtime?.stop();
  await removeCreatedData();
});

/** A post saved through savePost, published or not, with this body. */
async function post(status: "PUBLISHED" | "DRAFT", content = docJson(...sections)) {
  const { id } = await createDraft(author);
  const { post: saved } = await savePost(author, postInput({ id, version: 1, title: uniqueName("Backfill"), content }), status === "PUBLISHED" ? "publish" : "save");
  return saved;
}

/** Takes a post's stored rendering away, as for a post stored before renderings were, leaving updated_at alone. */
async function forgetRendering(id: string, renderer: string | null = null) {
  await db.$executeRaw`UPDATE posts SET body_html = NULL, body_toc = NULL, body_html_renderer = ${renderer} WHERE id = ${id}`;
}

const stored = (id: string) =>
  db.post.findUniqueOrThrow({ where: { id }, select: { bodyHtml: true, bodyToc: true, bodyHtmlRenderer: true, updatedAt: true, version: true } });

/** Every batch from the start, as the job chains them; the posts they filled. */
async function backfillAll(tools?: BodyRenderTools): Promise<string[]> {
  const filled: string[] = [];
  for (let after: string | null = ""; after !== null; ) {
    const result = await backfillStoredBodies({ after, tools });
    filled.push(...result.filled);
    after = result.next;
  }
  return filled;
}

describe("backfillStoredBodies", () => {
  it("stores the body HTML and table of contents a save would, for published posts without them, and leaves updated_at", async () => {
    const live = await post("PUBLISHED");
    const before = await stored(live.id);
    await forgetRendering(live.id);

    expect(await backfillAll()).toContain(live.id);
    const after = await stored(live.id);
    expect(after).toEqual(before);
    expect(after.bodyHtml).toBe((await renderPostBodyHtml(docOf(...sections))).html);
    expect(after.bodyToc).toEqual(tableOfContents(listHeadings(docOf(...sections) as PostDoc)));
    expect(after.bodyHtmlRenderer).toBe(BODY_RENDERER);
    expect((await getPublishedPost(live.slug))?.toc).toEqual(after.bodyToc);
  });

  it("renders again what another renderer stored, leaves drafts and current posts alone, and does nothing the second time", async () => {
    const stale = await post("PUBLISHED");
    await forgetRendering(stale.id, "an older renderer");
    await db.$executeRaw`UPDATE posts SET body_html = '<p>old</p>', body_toc = '[]' WHERE id = ${stale.id}`;
    const draft = await post("DRAFT");
    const current = await post("PUBLISHED");
    // Marked, to show it is not written again.
    await db.$executeRaw`UPDATE posts SET body_html = '<p>as stored</p>' WHERE id = ${current.id}`;

    const filled = await backfillAll();
    expect(filled).toContain(stale.id);
    expect(filled).not.toContain(draft.id);
    expect(filled).not.toContain(current.id);
    expect((await stored(stale.id)).bodyHtml).toContain("Second part");
    expect((await stored(draft.id)).bodyHtml).toBeNull();
    expect((await stored(current.id)).bodyHtml).toBe("<p>as stored</p>");

    expect(await backfillAll()).not.toContain(stale.id);
  });

  it("leaves a post that was saved while it was being rendered to that save", async () => {
    const code = JSON.stringify({ type: "doc", content: [{ type: "codeBlock", attrs: { language: "sql" }, content: [{ type: "text", text: "SELECT 1;" }] }] });
    const live = await post("PUBLISHED", code);
    await forgetRendering(live.id);
    // The save lands between reading the post and writing its rendering (the renderer highlights its code).
    const tools: BodyRenderTools = {
      ...backgroundRenderTools,
      async highlight(text, language) {
        const row = await stored(live.id);
        if (row.bodyHtml === null) await savePost(author, postInput({ id: live.id, version: row.version, title: live.title, content: docJson("Saved meanwhile.") }), "save");
        return backgroundRenderTools.highlight(text, language);
      },
    };
    expect(await backfillAll(tools)).not.toContain(live.id);
    expect((await stored(live.id)).bodyHtml).toBe((await renderPostBodyHtml(docOf("Saved meanwhile."))).html);
  });
});

describe("the body backfill job", () => {
  it("runs when a worker starts and stores the missing renderings", async () => {
    const live = await post("PUBLISHED");
    await forgetRendering(live.id);
    // A backfill left waiting or running by an earlier, killed test run would hold this one back.
    await db.$executeRawUnsafe(`DELETE FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`, BACKFILL_POST_BODIES).catch(() => undefined);
    runtime = await startJobRuntime({ connectionString, pollingIntervalSeconds: 0.5, expirePages: () => undefined });
    const row = await waitFor(() => stored(live.id), (value) => value.bodyHtml !== null);
    expect(row.bodyHtmlRenderer).toBe(BODY_RENDERER);
    expect(row.bodyToc).toEqual(tableOfContents(listHeadings(docOf(...sections) as PostDoc)));
  });

  it("queues the next batch while posts are left, and none after the last", async () => {
    await runtime?.stop();
    runtime = undefined;
    const posts = [await post("PUBLISHED"), await post("PUBLISHED")].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const item of posts) await forgetRendering(item.id);
    // Start just before the first of them, so the batches meet exactly these two (newer posts have greater ids).
    const previous = await db.post.findFirst({ where: { id: { lt: posts[0]!.id } }, orderBy: { id: "desc" }, select: { id: true } });
    const queued: string[] = [];
    const queueNext = async (after: string) => void queued.push(after);
    const first = await runBodyBackfillJob({ after: previous?.id ?? "" }, queueNext, 1);
    expect(first).toEqual({ filled: [posts[0]!.id], failed: [], next: posts[0]!.id });
    expect(queued).toEqual([posts[0]!.id]);
    const second = await runBodyBackfillJob({ after: posts[0]!.id }, queueNext, 1);
    expect(second).toEqual({ filled: [posts[1]!.id], failed: [], next: posts[1]!.id });
    // A full batch cannot tell whether posts are left: one more, empty, batch ends the chain.
    const last = await runBodyBackfillJob({ after: posts[1]!.id }, queueNext, 1);
    expect(last).toEqual({ filled: [], failed: [], next: null });
    expect(queued).toEqual([posts[0]!.id, posts[1]!.id]);
  });
});
