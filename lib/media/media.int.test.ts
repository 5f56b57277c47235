/**
 * The media data layer against PostgreSQL: recording uploads, usage kept by the database's trigger on
 * every post write, the library's view per role, alt text, deletion of used and unused files, what
 * reader pages read and show, and the backfill of copies older uploads lack. Files go to a temporary
 * MEDIA_DIR (tests/integration/media-s3.int.test.ts does the same on the S3 driver).
 */
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { backfillMediaVariants, type BackfillResult } from "@/lib/media/backfill";
import { processImage } from "@/lib/media/image";
import { createMedia, deleteMedia, getMediaRenditions, listMediaForAdmin, updateMediaAlt, variantsOf, type MediaItem } from "@/lib/media/media";
import { mediaStorage } from "@/lib/storage";
import { createDraft, savePost, setFeatureImage } from "@/lib/posts";
import { renderPostBodyHtml } from "@/lib/posts/body-html";
import { savePostSettings } from "@/lib/posts/settings";
import type { SessionUser } from "@/lib/users";
import { SavePostSettingsInput } from "@/lib/validations/post-settings";
import { createStaffSet, expectDomainError, postInput, removeCreatedData, uniqueName } from "@/tests/integration/fixtures";

let contributor: SessionUser;
let author: SessionUser;
let otherAuthor: SessionUser;
let editor: SessionUser;
let mediaDir: string;
const created: string[] = [];
let shade = 0;

beforeAll(async () => {
  mediaDir = await mkdtemp(path.join(tmpdir(), "quire-media-int-"));
  process.env.MEDIA_DIR = mediaDir;
  ({ contributor, author, otherAuthor, editor } = await createStaffSet());
});

afterAll(async () => {
  await removeCreatedData();
  await db.media.deleteMany({ where: { id: { in: created } } });
  await rm(mediaDir, { recursive: true, force: true });
});

/** A new image (a colour no other test used, so a new key) uploaded by `actor`. */
async function upload(actor: SessionUser, name = "photo.png", width = 700): Promise<MediaItem> {
  shade += 1;
  const png = await sharp({ create: { width, height: 400, channels: 3, background: { r: shade % 256, g: Math.floor(shade / 256), b: 99 } } }).png().toBuffer();
  const item = await createMedia(actor, { originalName: name, image: await processImage(png) });
  created.push(item.id);
  return item;
}

const imageDoc = (...srcs: string[]) =>
  JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Look:" }] }, ...srcs.map((src) => ({ type: "image", attrs: { src, alt: "" } }))] });

async function postShowing(owner: SessionUser, srcs: string[], intent: "save" | "publish" = "save") {
  const { id } = await createDraft(owner);
  return (await savePost(owner, postInput({ id, version: 1, title: uniqueName("Illustrated"), content: imageDoc(...srcs) }), intent)).post;
}

async function libraryEntry(actor: SessionUser, item: MediaItem) {
  const entry = (await listMediaForAdmin(actor, item.originalName)).find((candidate) => candidate.id === item.id);
  if (!entry) throw new Error("not in the library");
  return entry;
}

describe("createMedia", () => {
  it("stores the original and its copies under generated keys and records their sizes", async () => {
    const item = await upload(contributor, "../../holiday snaps/IMG 0001.png");
    expect(item.key).toMatch(/^[a-f0-9]{24}\.png$/);
    expect(item.originalName).toBe("IMG 0001.png");
    expect(item).toMatchObject({ width: 700, height: 400, mimeType: "image/png", src: `/media/${item.key}`, alt: "" });
    const files = await readdir(mediaDir);
    const base = item.key.replace(".png", "");
    const copies = [320, 640, 700].flatMap((width) => [`${base}-${width}.avif`, `${base}-${width}.webp`]);
    expect(files.filter((file) => file.startsWith(base)).sort()).toEqual([...copies, item.key].sort());
    for (const copy of copies.filter((file) => file.endsWith(".avif"))) {
      const meta = await sharp(await readFile(path.join(mediaDir, copy))).metadata();
      expect([meta.format, meta.compression], copy).toEqual(["heif", "av1"]);
    }
    const row = await db.media.findUniqueOrThrow({ where: { id: item.id }, select: { variants: true } });
    expect(variantsOf(row.variants).map((variant) => variant.key).sort()).toEqual(copies.sort());
    // The admin's thumbnails and srcset stay WebP.
    expect(item.srcSet).toBe(`/media/${base}-320.webp 320w, /media/${base}-640.webp 640w, /media/${base}-700.webp 700w`);
    expect(item.thumbnailSrc).toBe(`/media/${base}-320.webp`);
  });

  it("returns the existing entry for the same image uploaded again", async () => {
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: { r: 1, g: 2, b: 254 } } }).png().toBuffer();
    const first = await createMedia(author, { originalName: "a.png", image: await processImage(png) });
    created.push(first.id);
    const second = await createMedia(editor, { originalName: "b.png", image: await processImage(png) });
    expect(second.id).toBe(first.id);
    expect(await db.media.count({ where: { key: first.key } })).toBe(1);
  });
});

describe("usage", () => {
  it("follows each post's body and feature image on every write", async () => {
    const [inBody, asFeature] = [await upload(author), await upload(author)];
    const post = await postShowing(author, [inBody.src]);
    expect((await libraryEntry(author, inBody)).usedBy).toEqual([{ id: post.id, title: post.title }]);
    expect((await libraryEntry(author, asFeature)).usedBy).toEqual([]);

    await setFeatureImage(author, { postId: post.id, src: asFeature.src, alt: "Chart", caption: "" });
    expect((await libraryEntry(author, asFeature)).usedBy.map((use) => use.id)).toEqual([post.id]);

    await savePost(author, postInput({ id: post.id, version: post.version, title: post.title, content: imageDoc() }), "save");
    expect((await libraryEntry(author, inBody)).usedBy).toEqual([]);
    await setFeatureImage(author, { postId: post.id, src: "", alt: "", caption: "" });
    expect((await libraryEntry(author, asFeature)).usedBy).toEqual([]);
  });

  it("names only the posts the viewer may see and counts the rest", async () => {
    const item = await upload(author);
    const own = await postShowing(author, [item.src]);
    const others = await postShowing(otherAuthor, [item.src]);
    const asAuthor = await libraryEntry(author, item);
    expect(asAuthor.usedBy.map((use) => use.id)).toEqual([own.id]);
    expect(asAuthor.otherUses).toBe(1);
    const asEditor = await libraryEntry(editor, item);
    expect(asEditor.usedBy.map((use) => use.id).sort()).toEqual([own.id, others.id].sort());
    expect(asEditor.otherUses).toBe(0);
  });

  it("finds files by name and by alt text", async () => {
    const marker = uniqueName("lighthouse").replaceAll(" ", "-");
    const byName = await upload(author, `${marker}.png`);
    const byAlt = await upload(author, "untitled.png");
    await updateMediaAlt(author, { id: byAlt.id, alt: `A ${marker} at dusk` });
    const found = await listMediaForAdmin(contributor, marker.toUpperCase());
    expect(found.map((item) => item.id).sort()).toEqual([byName.id, byAlt.id].sort());
  });
});

describe("alt text", () => {
  it("may be changed by the uploader and by editors, not by other contributors or authors", async () => {
    const item = await upload(contributor);
    await expectDomainError(updateMediaAlt(author, { id: item.id, alt: "Nope" }), "FORBIDDEN");
    expect((await updateMediaAlt(contributor, { id: item.id, alt: "Mine" })).item.alt).toBe("Mine");
    const { item: updated, publicTags } = await updateMediaAlt(editor, { id: item.id, alt: "A red square" });
    expect(updated.alt).toBe("A red square");
    expect(publicTags).toEqual([`media:${item.key}`]);
    expect((await getMediaRenditions([item.key])).get(item.key)).toMatchObject({ alt: "A red square", width: 700, height: 400 });
  });

  it("sends the bodies stored with the old text of the posts showing the file to be rendered again", async () => {
    const item = await upload(author);
    const showing = await postShowing(author, [item.src], "publish");
    const other = await postShowing(author, [], "publish");
    const renderer = (id: string) => db.post.findUniqueOrThrow({ where: { id }, select: { bodyHtmlRenderer: true } }).then((row) => row.bodyHtmlRenderer);
    expect(await renderer(showing.id)).not.toBeNull();
    await updateMediaAlt(author, { id: item.id, alt: "Described anew" });
    expect(await renderer(showing.id)).toBeNull();
    expect(await renderer(other.id)).not.toBeNull();
  });
});

describe("deleteMedia", () => {
  it("refuses a file a post or one of its revisions uses, and deletes it with its copies once none does", async () => {
    const item = await upload(author);
    const post = await postShowing(author, [item.src], "publish");
    await expectDomainError(deleteMedia(author, { id: item.id }), "INVALID_STATE");
    expect(await db.media.count({ where: { id: item.id } })).toBe(1);

    // Gone from the post, but the revision that published it can be restored.
    await savePost(author, postInput({ id: post.id, version: post.version, title: post.title, content: imageDoc() }), "save");
    await expect(deleteMedia(author, { id: item.id })).rejects.toThrow(/an earlier revision of ".*" shows it/);
    expect(await db.media.count({ where: { id: item.id } })).toBe(1);

    await db.post.delete({ where: { id: post.id } });
    expect(await deleteMedia(author, { id: item.id })).toEqual({ publicTags: [`media:${item.key}`] });
    expect(await db.media.count({ where: { id: item.id } })).toBe(0);
    const base = item.key.replace(".png", "");
    expect((await readdir(mediaDir)).filter((file) => file.startsWith(base))).toEqual([]);
    expect((await getMediaRenditions([item.key])).has(item.key)).toBe(false);
  });

  it("counts a post's social image as a use, and an earlier revision's feature or social image too", async () => {
    const item = await upload(author);
    const post = await postShowing(author, []);
    await savePostSettings(author, SavePostSettingsInput.parse({ postId: post.id, metaTitle: "", metaDescription: "", canonicalUrl: "", socialTitle: "", socialDescription: "", socialImage: item.src, publishedAt: "" }));
    expect((await libraryEntry(author, item)).usedBy.map((use) => use.id)).toEqual([post.id]);
    await expect(deleteMedia(author, { id: item.id })).rejects.toThrow(/is used by/);

    // No longer the social image, but the revision the settings save made can bring it back.
    await savePostSettings(author, SavePostSettingsInput.parse({ postId: post.id, metaTitle: "", metaDescription: "", canonicalUrl: "", socialTitle: "", socialDescription: "", socialImage: "", publishedAt: "" }));
    expect((await libraryEntry(author, item)).usedBy).toEqual([]);
    await expect(deleteMedia(author, { id: item.id })).rejects.toThrow(/an earlier revision of ".*" shows it/);
    expect(await db.media.count({ where: { id: item.id } })).toBe(1);
  });

  it("is refused by the database too when a post starts using the file after the check", async () => {
    const item = await upload(editor);
    await postShowing(editor, [item.src]);
    // The library's check passed long ago; the foreign key still refuses the delete.
    await expect(db.media.delete({ where: { id: item.id } })).rejects.toThrow();
  });

  it("links a file uploaded after a post already named it", async () => {
    const png = await sharp({ create: { width: 30, height: 30, channels: 3, background: { r: 7, g: 7, b: 250 } } }).png().toBuffer();
    const image = await processImage(png);
    const post = await postShowing(author, [`/media/${image.original.key}`]);
    const item = await createMedia(author, { originalName: "late.png", image });
    created.push(item.id);
    expect((await libraryEntry(author, item)).usedBy.map((use) => use.id)).toEqual([post.id]);
  });

  it("is for the uploader and editors only", async () => {
    const item = await upload(author);
    await expectDomainError(deleteMedia(otherAuthor, { id: item.id }), "FORBIDDEN");
    await expectDomainError(deleteMedia(contributor, { id: item.id }), "FORBIDDEN");
    await deleteMedia(editor, { id: item.id });
    await expectDomainError(deleteMedia(editor, { id: item.id }), "NOT_FOUND");
  });
});

describe("setFeatureImage", () => {
  it("stores src, alt and caption for whoever may edit the post, and refuses unsafe sources", async () => {
    const post = await postShowing(contributor, []);
    await expectDomainError(setFeatureImage(otherAuthor, { postId: post.id, src: "/media/x.png", alt: "", caption: "" }), "NOT_FOUND");
    await expectDomainError(setFeatureImage(contributor, { postId: post.id, src: "javascript:alert(1)", alt: "", caption: "" }), "INVALID_INPUT");
    const result = await setFeatureImage(contributor, { postId: post.id, src: "https://images.example/a.jpg", alt: "Harbour", caption: "Photo: me" });
    expect(result).toEqual({ featureImage: { src: "https://images.example/a.jpg", alt: "Harbour", caption: "Photo: me" }, publicTags: [] });
    const stored = await db.post.findUniqueOrThrow({ where: { id: post.id } });
    expect([stored.featureImage, stored.featureImageAlt, stored.featureImageCaption, stored.version]).toEqual(["https://images.example/a.jpg", "Harbour", "Photo: me", post.version]);
  });
});

/** Puts an upload back as uploads were before AVIF copies: its row lists WebP copies only and no AVIF file exists. */
async function asOlderUpload(item: MediaItem): Promise<void> {
  const row = await db.media.findUniqueOrThrow({ where: { id: item.id }, select: { variants: true } });
  const variants = variantsOf(row.variants);
  await Promise.all(variants.filter((variant) => variant.key.endsWith(".avif")).map((variant) => mediaStorage().delete(variant.key)));
  await db.media.update({ where: { id: item.id }, data: { variants: variants.filter((variant) => variant.key.endsWith(".webp")) as unknown as object[] } });
}

/** Every file a piece of HTML names under /media/, each once. */
const mediaFilesIn = (html: string) => [...new Set([...html.matchAll(/\/media\/([a-z0-9.-]+)/g)].map((match) => match[1]!))];

const exists = (key: string) => stat(path.join(mediaDir, key)).then(() => true, () => false);

/** Runs the backfill from the first row to the last, as the job queue's chain of batches does. */
async function backfillAll(): Promise<BackfillResult[]> {
  const batches: BackfillResult[] = [];
  let after: string | undefined;
  do {
    const batch = await backfillMediaVariants({ after, limit: 3 });
    batches.push(batch);
    after = batch.next ?? undefined;
  } while (after !== undefined);
  return batches;
}

describe("reader HTML", () => {
  it("shows an upload as a <picture> with AVIF and WebP sources, and an older upload without AVIF, naming only files that exist", async () => {
    const [current, older] = [await upload(author, "new.png", 900), await upload(author, "old.png", 900)];
    await asOlderUpload(older);
    const { html } = await renderPostBodyHtml(JSON.parse(imageDoc(current.src, older.src)));
    const [first, second] = html.split("<figure").slice(1);
    expect(first).toMatch(new RegExp(`^><picture class="contents"><source type="image/avif" srcset="/media/${current.key.replace(".png", "")}-320\\.avif 320w, [^"]+-900\\.avif 900w" sizes="[^"]+"><source type="image/webp" srcset="[^"]+-900\\.webp 900w" sizes="[^"]+"><img src="${current.src}" width="900" height="400"`));
    expect(second).toContain('<picture class="contents"><source type="image/webp"');
    expect(second).not.toContain("avif");
    for (const key of mediaFilesIn(html)) expect(await exists(key), key).toBe(true);
  });
});

describe("backfillMediaVariants", () => {
  it("gives an older upload its AVIF copies, records them, re-renders the posts showing it, and changes nothing when run again", async () => {
    const older = await upload(author, "older.png", 1000);
    await asOlderUpload(older);
    const post = await postShowing(author, [older.src], "publish");
    const renderer = () => db.post.findUniqueOrThrow({ where: { id: post.id }, select: { bodyHtmlRenderer: true } }).then((row) => row.bodyHtmlRenderer);
    expect(await renderer()).not.toBeNull();
    const base = older.key.replace(".png", "");
    expect(await exists(`${base}-320.avif`)).toBe(false);

    const batches = await backfillAll();
    expect(batches.flatMap((batch) => batch.filled)).toContain(older.key);
    expect(batches.flatMap((batch) => batch.publicTags)).toContain(`media:${older.key}`);
    expect(batches.at(-1)?.next).toBeNull();
    const row = await db.media.findUniqueOrThrow({ where: { id: older.id }, select: { variants: true } });
    const keys = variantsOf(row.variants).map((variant) => variant.key);
    expect(keys.sort()).toEqual([320, 640, 960, 1000].flatMap((width) => [`${base}-${width}.avif`, `${base}-${width}.webp`]).sort());
    for (const key of keys) expect(await exists(key), key).toBe(true);
    expect(await renderer()).toBeNull();
    const { html } = await renderPostBodyHtml(JSON.parse(imageDoc(older.src)));
    expect(html).toContain(`<source type="image/avif" srcset="/media/${base}-320.avif 320w`);

    const again = await backfillAll();
    expect(again.flatMap((batch) => batch.filled)).not.toContain(older.key);
    expect((await db.media.findUniqueOrThrow({ where: { id: older.id }, select: { variants: true } })).variants).toEqual(row.variants);
  });

  it("reports an upload whose original is gone and goes on with the others", async () => {
    const [lost, kept] = [await upload(author), await upload(author)];
    await Promise.all([asOlderUpload(lost), asOlderUpload(kept)]);
    await mediaStorage().delete(lost.key);
    const batches = await backfillAll();
    expect(batches.flatMap((batch) => batch.failed)).toContain(lost.key);
    expect(batches.flatMap((batch) => batch.filled)).toContain(kept.key);
    const row = await db.media.findUniqueOrThrow({ where: { id: lost.id }, select: { variants: true } });
    expect(variantsOf(row.variants).every((variant) => variant.key.endsWith(".webp"))).toBe(true);
  });

  it("leaves an animation with WebP copies only, reading it but making nothing", async () => {
    const frame = (background: string) => sharp({ create: { width: 60, height: 40, channels: 3, background } }).png().toBuffer();
    const gif = await sharp([await frame("red"), await frame("blue")], { join: { animated: true } }).gif().toBuffer();
    const item = await createMedia(author, { originalName: "spinner.gif", image: await processImage(gif) });
    created.push(item.id);
    const before = await db.media.findUniqueOrThrow({ where: { id: item.id }, select: { variants: true } });
    expect(variantsOf(before.variants).map((variant) => variant.key)).toEqual([item.key.replace(".gif", "-60.webp")]);
    const batches = await backfillAll();
    expect(batches.flatMap((batch) => [...batch.filled, ...batch.failed])).not.toContain(item.key);
    expect((await db.media.findUniqueOrThrow({ where: { id: item.id }, select: { variants: true } })).variants).toEqual(before.variants);
  });
});
