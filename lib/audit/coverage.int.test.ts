/**
 * Entries the audit log gets from outside the staff pages, against PostgreSQL: a scheduled post going
 * live (no actor: the schedule), and tags created through a post, renamed and deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { confirmEnrolment, disableTwoFactor, isTwoFactorRequired, setTwoFactorRequired, startEnrolment } from "@/lib/auth/two-factor";
import { totpCode } from "@/lib/auth/two-factor-crypto";
import { runPublishJob, startJobRuntime } from "@/lib/jobs/runtime";
import { createDraft, savePost } from "@/lib/posts";
import { schedulePost } from "@/lib/posts/schedule";
import { slugify } from "@/lib/slug";
import { deleteTag, getEditableTag, updateTag } from "@/lib/tags";
import type { SessionUser } from "@/lib/users";
import { UpdateTagInput } from "@/lib/validations/tag";
import { createStaff, createStaffSet, docJson, postInput, removeCreatedData, uniqueName } from "@/tests/integration/fixtures";

let author: SessionUser;
let editor: SessionUser;

beforeAll(async () => {
  ({ author, editor } = await createStaffSet());
  // pg-boss's schema and queues, as a server start makes them.
  await (await startJobRuntime({ connectionString: process.env.DATABASE_URL!, expirePages: () => undefined })).stop();
});

afterAll(async () => {
  await removeCreatedData();
});

const entriesFor = (targetId: string) =>
  db.auditEntry.findMany({ where: { targetId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { action: true, actorId: true, targetLabel: true, details: true, ipAddress: true } });

describe("audit entries", () => {
  it("record a scheduled post going live, with no actor", async () => {
    const { post } = await savePost(author, postInput({ title: uniqueName("Goes live"), content: docJson("Later.") }), "save");
    const at = new Date(Date.now() + 60_000);
    await schedulePost(author, post.id, at);
    expect(await runPublishJob({ postId: post.id, at: at.toISOString() }, () => undefined)).toBe(true);
    // The job again publishes nothing and records nothing.
    expect(await runPublishJob({ postId: post.id, at: at.toISOString() }, () => undefined)).toBe(false);
    const entries = (await entriesFor(post.id)).filter((entry) => entry.action === "post.publish");
    expect(entries).toEqual([{ action: "post.publish", actorId: null, targetLabel: post.title, details: { scheduled: true, at: at.toISOString() }, ipAddress: null }]);
  });

  it("record tags created through a post (once), renamed and deleted, by whom", async () => {
    const name = uniqueName("Audited tag");
    // The second post reuses the tag: no second "created".
    for (const actor of [author, editor]) {
      const { id } = await createDraft(actor);
      await savePost(actor, postInput({ id, version: 1, title: uniqueName("Tagged"), tags: [name], content: docJson("Body.") }), "save");
    }
    const row = await db.tag.findUniqueOrThrow({ where: { slug: slugify(name) }, select: { id: true } });
    const tag = (await getEditableTag(editor, row.id))!;
    await updateTag(editor, UpdateTagInput.parse({ id: tag.id, updatedAt: tag.updatedAt.toISOString(), name: `${name} renamed`, slug: "", description: "" }));
    await deleteTag(editor, { id: tag.id });
    const entries = await entriesFor(tag.id);
    expect(entries.map((entry) => [entry.action, entry.actorId, entry.targetLabel])).toEqual([
      ["tag.create", author.id, name],
      ["tag.update", editor.id, `${name} renamed`],
      ["tag.delete", editor.id, `${name} renamed`],
    ]);
    expect(entries[1]!.details).toMatchObject({ from: { name }, to: { name: `${name} renamed` } });
  });

  it("record two-factor sign-in turned on and off, and the site requiring it", async () => {
    const user = await createStaff("AUTHOR");
    const now = new Date();
    const { secret } = await startEnrolment(user);
    await confirmEnrolment(user, totpCode(secret, now), now);
    await disableTwoFactor(user, { code: totpCode(secret, new Date(now.getTime() + 30_000)) }, new Date(now.getTime() + 30_000));
    const own = await db.auditEntry.findMany({ where: { actorId: user.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { action: true } });
    expect(own.map((entry) => entry.action)).toEqual(["auth.two_factor_on", "auth.two_factor_off"]);

    const admin = await createStaff("ADMIN");
    const before = await isTwoFactorRequired();
    await setTwoFactorRequired(admin, !before);
    await setTwoFactorRequired(admin, before);
    const policy = await db.auditEntry.findMany({ where: { actorId: admin.id, action: "settings.update" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { details: true } });
    expect(policy.map((entry) => entry.details)).toEqual([{ twoFactorRequired: !before }, { twoFactorRequired: before }]);
  });
});
