import { createHash, randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writevSync, writeSync } from "node:fs";
import { open, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { EntryStorage } from "@/lib/cache/storage/types";

/**
 * One file per entry under `dir` (by default .data/cache/<namespace>), so the cache holds the whole
 * site whatever its size and survives restarts. A file starts with its expiry time (8 bytes); files are
 * written under a temporary name and renamed, so a reader never sees half an entry.
 *
 * The file calls are synchronous. An entry is a file of a few to a hundred KB, read from and written to
 * the OS's page cache in microseconds, while the promise API sends each open, stat, read, write, close and
 * rename through libuv's thread pool and back: about twice the CPU (a 40 KB entry missed, written and read
 * back: 0.8–1.2 ms against 0.3–0.6 ms), paid several times for every page rendered.
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
      data = readFileSync(this.#file(key));
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
      mkdirSync(folder, { recursive: true });
      this.#folders.add(folder);
    }
    const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      writeParts(temporary, header, value);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      // The folder went away under a running server (the cache emptied by hand): made again, once.
      mkdirSync(folder, { recursive: true });
      writeParts(temporary, header, value);
    }
    renameSync(temporary, file);
  }

  async delete(key: string): Promise<void> {
    rmSync(this.#file(key), { force: true });
  }

  /**
   * Deletes the files of entries past their expiry and temporary files left by a write that never
   * finished (a crash), one folder at a time with a pause between folders, so the server's reads and
   * writes keep the disk. An entry is otherwise deleted only when it is read after it expired, and the
   * page of a deleted post or an old slug is never read again. Returns how many files it deleted.
   */
  async sweep(pauseMs = 20): Promise<number> {
    let deleted = 0;
    let folders: string[];
    try {
      folders = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
      throw error;
    }
    const header = Buffer.alloc(8);
    for (const folder of folders) {
      let names: string[];
      try {
        names = await readdir(path.join(/* turbopackIgnore: true */ this.dir, folder));
      } catch {
        continue; // not a folder, or removed meanwhile
      }
      for (const name of names) {
        const file = path.join(/* turbopackIgnore: true */ this.dir, folder, name);
        try {
          if (await this.#isLeftOver(file, name, header)) {
            await rm(file, { force: true });
            deleted += 1;
          }
        } catch {
          // Removed while it was looked at. (One replaced between the read and the delete is deleted:
          // a miss, and the page is rendered again.)
        }
      }
      if (pauseMs > 0) await sleep(pauseMs);
    }
    return deleted;
  }

  async #isLeftOver(file: string, name: string, header: Buffer): Promise<boolean> {
    if (name.endsWith(".tmp")) return (await stat(file)).mtimeMs < this.now() - ABANDONED_WRITE_MS;
    const handle = await open(file, "r");
    try {
      const { bytesRead } = await handle.read(header, 0, 8, 0);
      return bytesRead < 8 || header.readDoubleBE(0) <= this.now();
    } finally {
      await handle.close();
    }
  }

  /** Sweeps now and then, first a few minutes after start; the timer never keeps the process alive. */
  sweepEvery(intervalMs: number, firstAfterMs = 5 * 60_000): void {
    const run = (delay: number) => {
      setTimeout(() => {
        this.sweep()
          .catch((error: unknown) => console.error("Cache: could not sweep expired entries", error))
          .finally(() => run(intervalMs));
      }, delay).unref();
    };
    run(firstAfterMs);
  }
}

/** A temporary file this old is what a write left when its process ended mid-write. */
const ABANDONED_WRITE_MS = 60 * 60_000;

/** Writes the header and the value one after the other into a new file, without copying them into one buffer. */
function writeParts(file: string, header: Buffer, value: Buffer): void {
  const fd = openSync(file, "w");
  try {
    let written = writevSync(fd, [header, value]);
    // A short write (a full disk, a signal) leaves the rest to write; a regular file takes it whole otherwise.
    while (written < header.length + value.length) {
      written += written < header.length ? writeSync(fd, header, written) : writeSync(fd, value, written - header.length);
    }
  } finally {
    closeSync(fd);
  }
}
