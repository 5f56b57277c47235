/**
 * Data for integration tests that share one database (npm test's, which also holds the demo content and
 * serves the end-to-end suite afterwards). Everything made here carries this run's id, so tests never
 * collide with each other or with demo rows, and `removeCreatedData()` takes it all away again.
 */
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { z } from "zod";
import { db } from "@/lib/db";
import { DomainError, type DomainErrorCode } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import type { SessionUser } from "@/lib/users";
import { SavePostInput } from "@/lib/validations/post";

/** Lower-case hex, so it survives slugify unchanged. */
export const runId = randomBytes(4).toString("hex");

let counter = 0;

/** "<label> <runId> <n>": unique in this run and across runs; slugifies to "<label>-<runId>-<n>". */
export function uniqueName(label: string): string {
  counter += 1;
  return `${label} ${runId} ${counter}`;
}

const createdUserIds: string[] = [];

/** A staff member of the given role. The password hash is a placeholder: these users never sign in. */
export async function createStaff(role: Role): Promise<SessionUser> {
  if (role === "OWNER") {
    // The database allows one owner, and the suite's first-run setup may have made it already.
    const owner = await db.user.findFirst({ where: { role: "OWNER" }, select: { id: true, email: true, name: true, role: true, slug: true } });
    if (owner) return owner;
  }
  const handle = uniqueName(role.toLowerCase()).replaceAll(" ", "-");
  const user = await db.user.create({
    data: { email: `${handle}@quire.test`, name: `Test ${handle}`, slug: handle, passwordHash: "not-a-real-hash", role },
    select: { id: true, email: true, name: true, role: true, slug: true },
  });
  createdUserIds.push(user.id);
  return user;
}

/** One staff member per role the permission tests compare: a contributor, two authors and an editor. */
export async function createStaffSet(): Promise<{ contributor: SessionUser; author: SessionUser; otherAuthor: SessionUser; editor: SessionUser }> {
  const [contributor, author, otherAuthor, editor] = await Promise.all([
    createStaff("CONTRIBUTOR"),
    createStaff("AUTHOR"),
    createStaff("AUTHOR"),
    createStaff("EDITOR"),
  ]);
  return { contributor, author, otherAuthor, editor };
}

type TextBlock = string | { heading: string };

/**
 * A Tiptap document with one paragraph per string (or a level-2 heading), serialized as the editor sends
 * it; with no blocks, the editor's empty document (one empty paragraph).
 */
export function docJson(...blocks: TextBlock[]): string {
  return JSON.stringify(docOf(...blocks));
}

export function docOf(...blocks: TextBlock[]) {
  if (blocks.length === 0) return { type: "doc", content: [{ type: "paragraph" }] };
  return {
    type: "doc",
    content: blocks.map((block) =>
      typeof block === "string"
        ? { type: "paragraph", content: [{ type: "text", text: block }] }
        : { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: block.heading }] },
    ),
  };
}

/** A save as the action would pass it on: through the same zod schema, with empty defaults. */
export function postInput(fields: Partial<z.input<typeof SavePostInput>> = {}): SavePostInput {
  return SavePostInput.parse({ version: 0, title: "", slug: "", customExcerpt: "", tags: [], content: docJson(), ...fields });
}

/** The stored post with its tag links, for "nothing changed" comparisons. */
export function storedPost(id: string) {
  return db.post.findUnique({ where: { id }, include: { tags: { orderBy: { position: "asc" }, include: { tag: true } } } });
}

/** Awaits `promise` and asserts it rejected with a DomainError of `code` (never its message). */
export async function expectDomainError(promise: Promise<unknown>, code: DomainErrorCode): Promise<void> {
  const outcome = await promise.then(
    (value: unknown) => ({ fulfilled: value }),
    (error: unknown) => ({ error }),
  );
  expect(outcome).toHaveProperty("error");
  const { error } = outcome as { error: unknown };
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

/** Deletes the posts of users made here, those users, and every tag whose slug carries this run's id. */
export async function removeCreatedData(): Promise<void> {
  await db.post.deleteMany({ where: { authorId: { in: createdUserIds } } });
  await db.user.deleteMany({ where: { id: { in: createdUserIds } } });
  await db.tag.deleteMany({ where: { slug: { contains: runId } } });
  await db.postSlug.deleteMany({ where: { slug: { contains: runId } } });
  createdUserIds.length = 0;
}

/** Reads until `done` holds or the time is up, and returns the last reading (the test's assertion says what was wrong). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
