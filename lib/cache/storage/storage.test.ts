import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiskStorage } from "@/lib/cache/storage/disk";
import { MemoryStorage, TieredStorage } from "@/lib/cache/storage/memory";

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
