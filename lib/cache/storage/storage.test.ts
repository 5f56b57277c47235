import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiskStorage } from "@/lib/cache/storage/disk";
import { megabytesFromEnvironment, MemoryStorage, TieredStorage } from "@/lib/cache/storage/memory";

let clock = 1_000_000;
const now = () => clock;

describe("MemoryStorage", () => {
  it("drops the least recently used entries beyond its size, and expired ones", async () => {
    const memory = new MemoryStorage(10, now);
    await memory.set("a", Buffer.from("aaaa"), 60);
    await memory.set("b", Buffer.from("bbbb"), 60);
    await memory.get("a");
    await memory.set("c", Buffer.from("cccc"), 60);
    expect(await memory.get("b")).toBeUndefined();
    expect((await memory.get("a"))?.toString()).toBe("aaaa");
    expect(memory.bytes).toBe(8);
    clock += 60_000;
    expect(await memory.get("a")).toBeUndefined();
  });

  it("keeps its own copy of a value that is a view into a larger buffer, and no copy of a whole one", async () => {
    const memory = new MemoryStorage(1024 * 1024, now);
    const chunk = Buffer.alloc(64 * 1024, "x");
    const view = chunk.subarray(100, 200);
    await memory.set("view", view, 60);
    const kept = memory.getNow("view")!;
    expect(kept.toString()).toBe(view.toString());
    expect(kept.buffer.byteLength).toBe(100);
    chunk.fill("y");
    expect(memory.getNow("view")!.toString()).toBe("x".repeat(100));

    const whole = Buffer.alloc(64 * 1024, "z");
    await memory.set("whole", whole, 60);
    expect(memory.getNow("whole")).toBe(whole);
    expect(memory.bytes).toBe(100 + 64 * 1024);
  });
});

describe("megabytesFromEnvironment", () => {
  it("reads whole MB, 0 included, and takes the default when unset or empty", () => {
    expect(megabytesFromEnvironment({ SIZE: "24" }, "SIZE", 16)).toBe(24 * 1024 * 1024);
    expect(megabytesFromEnvironment({ SIZE: " 0 " }, "SIZE", 16)).toBe(0);
    expect(megabytesFromEnvironment({}, "SIZE", 16)).toBe(16 * 1024 * 1024);
    expect(megabytesFromEnvironment({ SIZE: "" }, "SIZE", 16)).toBe(16 * 1024 * 1024);
  });

  it("refuses anything else, naming the variable", () => {
    for (const value of ["-1", "1.5", "16MB", "0x10", "4097", "abc"]) {
      expect(() => megabytesFromEnvironment({ SIZE: value }, "SIZE", 16)).toThrow(/^SIZE must be a whole number of MB/);
    }
  });
});

describe("DiskStorage", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "quire-cache-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps entries across instances (a restart) until they expire", async () => {
    await new DiskStorage(dir, now).set("page:/blog/a", Buffer.from("page a"), 10);
    const reopened = new DiskStorage(dir, now);
    expect((await reopened.get("page:/blog/a"))?.toString()).toBe("page a");
    expect(await reopened.get("page:/blog/b")).toBeUndefined();
    clock += 10_000;
    expect(await reopened.get("page:/blog/a")).toBeUndefined();
    // The expired file is gone, and no temporary file was left behind.
    const left = await readdir(dir, { recursive: true, withFileTypes: true });
    expect(left.filter((entry) => entry.isFile())).toEqual([]);
  });

  it("replaces and deletes entries", async () => {
    const disk = new DiskStorage(dir, now);
    await disk.set("k", Buffer.from("one"), 60);
    await disk.set("k", Buffer.from("two"), 60);
    expect((await disk.get("k"))?.toString()).toBe("two");
    await disk.delete("k");
    expect(await disk.get("k")).toBeUndefined();
  });

  it("gives back a large value byte for byte, and refuses to read what is not a file", async () => {
    const disk = new DiskStorage(dir, now);
    const value = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < value.length; i += 4) value.writeUInt32LE(i, i);
    await disk.set("large", value, 60);
    expect((await disk.get("large"))?.equals(value)).toBe(true);
    // Only a missing entry is a miss; any other failure (here a folder where its file should be) is thrown.
    const hash = createHash("sha256").update("other").digest("hex");
    await mkdir(path.join(dir, hash.slice(0, 2), hash.slice(2)), { recursive: true });
    expect(await disk.get("missing")).toBeUndefined();
    await expect(disk.get("other")).rejects.toMatchObject({ code: "EISDIR" });
  });
});

describe("DiskStorage sweep", () => {
  it("deletes expired entries and abandoned temporary files, and keeps live entries and writes under way", async () => {
    clock = Date.now(); // file times are compared with it
    const dir = await mkdtemp(path.join(tmpdir(), "quire-cache-"));
    try {
      const disk = new DiskStorage(dir, now);
      await disk.set("page:/blog/gone", Buffer.from("a deleted post's page"), 10);
      await disk.set("page:/blog/kept", Buffer.from("a live page"), 3600);
      const folder = path.join(dir, "ab");
      await mkdir(folder, { recursive: true });
      const abandoned = path.join(folder, "entry.1a2b3c.tmp");
      const underWay = path.join(folder, "entry.4d5e6f.tmp");
      await writeFile(abandoned, "half");
      await writeFile(underWay, "half");
      const hourAgo = new Date(clock - 2 * 60 * 60_000);
      await utimes(abandoned, hourAgo, hourAgo);
      await utimes(underWay, new Date(clock), new Date(clock));

      clock += 11_000;
      expect(await disk.sweep(0)).toBe(2);
      const left = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
      expect(left).toHaveLength(2);
      expect(left).toContain("entry.4d5e6f.tmp");
      expect((await disk.get("page:/blog/kept"))?.toString()).toBe("a live page");
      expect(await disk.sweep(0)).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("sweeps nothing, without an error, when the folder does not exist yet", async () => {
    expect(await new DiskStorage(path.join(tmpdir(), `quire-cache-none-${Date.now()}`), now).sweep(0)).toBe(0);
  });
});

describe("DiskStorage folders", () => {
  it("writes again into a folder removed under it (the cache emptied by hand while it runs)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "quire-cache-"));
    try {
      const disk = new DiskStorage(dir, now);
      await disk.set("a", Buffer.from("one"), 60);
      await rm(dir, { recursive: true, force: true });
      await disk.set("a", Buffer.from("two"), 60);
      expect((await disk.get("a"))?.toString()).toBe("two");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("TieredStorage", () => {
  it("answers from memory first and fills memory from the back", async () => {
    const back = new MemoryStorage(100, now);
    const front = new MemoryStorage(100, now);
    const tiered = new TieredStorage(front, back);
    await back.set("k", Buffer.from("far"), 60);
    expect((await tiered.get("k"))?.toString()).toBe("far");
    await back.delete("k");
    expect((await tiered.get("k"))?.toString()).toBe("far");
    await tiered.delete("k");
    expect(await tiered.get("k")).toBeUndefined();
  });
});
