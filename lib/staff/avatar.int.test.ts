/**
 * Profile photos against PostgreSQL and a real store on disk: who may set whose, what is stored, that a
 * replaced or removed photo's file goes, and which public pages are expired.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createDraft, savePost } from "@/lib/posts";
import { getEditableAvatarSrc, removeAvatar, setAvatar } from "@/lib/staff/avatar";
import { listStaff } from "@/lib/staff/staff";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import type { SessionUser } from "@/lib/users";
import { createStaff, docJson, expectDomainError, postInput, removeCreatedData, uniqueName } from "@/tests/integration/fixtures";

let dir: string;
let storage: LocalDiskStorage;
let author: SessionUser;
let otherAuthor: SessionUser;
let admin: SessionUser;
let editor: SessionUser;

const png = (colour: string) => sharp({ create: { width: 500, height: 300, channels: 3, background: colour } }).png().toBuffer();
const stored = async () => (await readdir(dir)).filter((name) => !name.startsWith(".")).sort();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "quire-avatars-"));
  storage = new LocalDiskStorage(dir);
  [author, otherAuthor, admin, editor] = await Promise.all([createStaff("AUTHOR"), createStaff("AUTHOR"), createStaff("ADMIN"), createStaff("EDITOR")]);
});

afterAll(async () => {
  await removeCreatedData();
  await rm(dir, { recursive: true, force: true });
});

describe("setAvatar and removeAvatar", () => {
  it("stores the photo, shows it in the staff list, replaces it and removes it with its file", async () => {
    const first = await setAvatar(author, author.id, await png("#336699"), storage);
    expect(first.src).toMatch(/^\/media\/avatar-[a-f0-9]{24}\.webp$/);
    // No published posts yet: no public page shows them.
    expect(first.publicTags).toEqual([]);
    expect(await stored()).toEqual([first.src!.slice("/media/".length)]);
    expect(await getEditableAvatarSrc(author, author.id)).toBe(first.src);
    const row = (await listStaff(admin)).find((member) => member.id === author.id);
    expect(row?.avatarSrc).toBe(first.src);

    const second = await setAvatar(author, author.id, await png("#993366"), storage);
    expect(second.src).not.toBe(first.src);
    expect(await stored()).toEqual([second.src!.slice("/media/".length)]);

    const removed = await removeAvatar(author, author.id, storage);
    expect(removed.src).toBeNull();
    expect(await stored()).toEqual([]);
    expect((await db.user.findUniqueOrThrow({ where: { id: author.id }, select: { avatarKey: true } })).avatarKey).toBeNull();
    // Removing again is no error.
    expect((await removeAvatar(author, author.id, storage)).src).toBeNull();
  });

  it("lets administrators set anyone's photo, and no author another's", async () => {
    await expectDomainError(setAvatar(otherAuthor, author.id, await png("#000000"), storage), "FORBIDDEN");
    await expectDomainError(removeAvatar(otherAuthor, author.id, storage), "FORBIDDEN");
    expect(await getEditableAvatarSrc(otherAuthor, author.id)).toBeNull();
    const set = await setAvatar(admin, otherAuthor.id, await png("#123456"), storage);
    expect(set.src).not.toBeNull();
    await removeAvatar(admin, otherAuthor.id, storage);
  });

  it("lets editors set an author's photo, and not an administrator's", async () => {
    const set = await setAvatar(editor, otherAuthor.id, await png("#345678"), storage);
    expect(await getEditableAvatarSrc(editor, otherAuthor.id)).toBe(set.src);
    await removeAvatar(editor, otherAuthor.id, storage);
    await expectDomainError(setAvatar(editor, admin.id, await png("#000000"), storage), "FORBIDDEN");
    expect(await getEditableAvatarSrc(editor, admin.id)).toBeNull();
  });

  it("refuses a file that is not an image and keeps the current photo", async () => {
    const current = await setAvatar(author, author.id, await png("#445566"), storage);
    await expectDomainError(setAvatar(author, author.id, new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"), storage), "INVALID_INPUT");
    expect(await getEditableAvatarSrc(author, author.id)).toBe(current.src);
    await removeAvatar(author, author.id, storage);
  });

  it("expires the author's public pages once they have published", async () => {
    const writer = await createStaff("AUTHOR");
    const { id } = await createDraft(writer);
    await savePost(writer, postInput({ id, version: 1, title: uniqueName("Photo post"), content: docJson("Body.") }), "publish");
    const slug = (await db.user.findUniqueOrThrow({ where: { id: writer.id }, select: { slug: true } })).slug;
    expect((await setAvatar(writer, writer.id, await png("#abcdef"), storage)).publicTags).toEqual([`author:${slug}`]);
    expect((await removeAvatar(writer, writer.id, storage)).publicTags).toEqual([`author:${slug}`]);
  });
});
