import { createHash, randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writevSync, writeSync } from "node:fs";
import path from "node:path";
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
}

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
