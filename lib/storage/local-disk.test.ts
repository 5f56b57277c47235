import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { isStorageKey, type ObjectStorage } from "@/lib/storage/storage";

let dir: string;
let store: ObjectStorage;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "quire-storage-"));
  store = new LocalDiskStorage(path.join(dir, "media"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const text = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString() : null);

describe("isStorageKey", () => {
  it.each(["abc", "a1b2c3.jpg", "0123abcd-640.webp", "x_y.z"])("accepts %s", (key) => expect(isStorageKey(key)).toBe(true));
  it.each(["", "../etc/passwd", "a/b", "a\\b", "..", ".hidden", "a..b", "A.JPG", "a%2fb", "a b", "a.", "-a", "x".repeat(129), 42])(
    "refuses %s",
    (key) => expect(isStorageKey(key)).toBe(false),
  );
});

describe("LocalDiskStorage", () => {
  it("puts, gets, streams and deletes by key, creating its folder", async () => {
    await store.put("one.txt", Buffer.from("hello"), "text/plain");
    expect(text(await store.get("one.txt"))).toBe("hello");
    const streamed = await store.stream("one.txt");
    expect(streamed?.bytes).toBe(5);
    expect(await new Response(streamed!.body).text()).toBe("hello");
    await store.delete("one.txt");
    expect(await store.get("one.txt")).toBeNull();
    expect(await store.stream("one.txt")).toBeNull();
  });

  it("streams a byte range, clamped to the file, and an empty body for a range past its end", async () => {
    await store.put("digits.bin", Buffer.from("0123456789"), "application/octet-stream");
    const middle = await store.stream("digits.bin", { start: 2, end: 5 });
    expect(middle).toMatchObject({ bytes: 4, totalBytes: 10, range: { start: 2, end: 5 } });
    expect(await new Response(middle!.body).text()).toBe("2345");
    const tail = await store.stream("digits.bin", { start: 7, end: 99 });
    expect(tail).toMatchObject({ bytes: 3, totalBytes: 10, range: { start: 7, end: 9 } });
    expect(await new Response(tail!.body).text()).toBe("789");
    const past = await store.stream("digits.bin", { start: 10 });
    expect(past).toMatchObject({ bytes: 0, totalBytes: 10 });
    expect(past?.range).toBeUndefined();
    expect(await new Response(past!.body).text()).toBe("");
    await expect(store.stream("digits.bin", { start: 5, end: 2 })).rejects.toThrow(/Bad range/);
  });

  it("replaces an object and leaves no partial files behind", async () => {
    await store.put("k.bin", Buffer.from("first"), "application/octet-stream");
    await store.put("k.bin", Buffer.from("second"), "application/octet-stream");
    expect(text(await store.get("k.bin"))).toBe("second");
    expect(await readdir(path.join(dir, "media"))).toEqual(["k.bin"]);
  });

  it("answers null for a missing key and deletes missing keys quietly", async () => {
    expect(await store.get("missing.jpg")).toBeNull();
    expect(await store.stream("missing.jpg")).toBeNull();
    await expect(store.delete("missing.jpg")).resolves.toBeUndefined();
  });

  it("refuses keys that could leave its folder before touching the disk", async () => {
    await writeFile(path.join(dir, "secret"), "do not read");
    await expect(store.get("../secret")).rejects.toThrow(/Not a storage key/);
    await expect(store.stream("..")).rejects.toThrow(/Not a storage key/);
    await expect(store.put("../escape", Buffer.from("x"), "text/plain")).rejects.toThrow(/Not a storage key/);
    await expect(store.delete("../secret")).rejects.toThrow(/Not a storage key/);
  });
});
