import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EntryStorage } from "@/lib/cache/storage/types";

/**
 * One file per entry under `dir` (by default .data/cache/<namespace>), so the cache holds the whole
 * site whatever its size and survives restarts. A file starts with its expiry time (8 bytes); files are
 * written under a temporary name and renamed, so a reader never sees half an entry.
 */
export class DiskStorage implements EntryStorage {
  readonly name = "disk";
  /** Folders (the first two hex digits of entries' hashes) known to exist, so a write does not make them again. */
  readonly #folders = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  #file(key: string): string {
    const hash = createHash("sha256").update(key).digest("hex");
    return path.join(/* turbopackIgnore: true */ this.dir, hash.slice(0, 2), hash.slice(2));
  }

  async get(key: string): Promise<Buffer | undefined> {
    let data: Buffer;
    try {
      data = await readFile(this.#file(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    if (data.length < 8 || data.readDoubleBE(0) <= this.now()) {
      await this.delete(key);
      return undefined;
    }
    return data.subarray(8);
  }

  async set(key: string, value: Buffer, ttlSeconds: number): Promise<void> {
    const file = this.#file(key);
    const header = Buffer.alloc(8);
    header.writeDoubleBE(this.now() + ttlSeconds * 1000);
    const folder = path.dirname(file);
    if (!this.#folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.#folders.add(folder);
    }
    const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    // The header and the value written one after the other, not copied into one buffer first.
    try {
      await writeFile(temporary, [header, value]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      // The folder went away under a running server (the cache emptied by hand): made again, once.
      await mkdir(folder, { recursive: true });
      await writeFile(temporary, [header, value]);
    }
    await rename(temporary, file);
  }

  async delete(key: string): Promise<void> {
    await rm(this.#file(key), { force: true });
  }
}
