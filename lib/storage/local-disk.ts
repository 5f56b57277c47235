import "server-only";
import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { randomUUID } from "node:crypto";
import { assertStorageKey, clampRange, type ByteRange, type ObjectStorage, type StoredStream } from "@/lib/storage/storage";

const isMissing = (error: unknown) => error instanceof Error && "code" in error && error.code === "ENOENT";

/** Objects as files in one folder, one file per key. Suits a single instance; see lib/storage/index.ts. */
export class LocalDiskStorage implements ObjectStorage {
  private ready: Promise<unknown> | null = null;

  constructor(private readonly dir: string) {}

  private file(key: string): string {
    assertStorageKey(key);
    return path.join(this.dir, key);
  }

  // The content type is implied by the key's extension here; a store with object metadata (S3) records it.
  async put(key: string, data: Uint8Array): Promise<void> {
    const file = this.file(key);
    this.ready ??= mkdir(this.dir, { recursive: true });
    await this.ready;
    // Written aside and renamed into place: a reader (or a crash) never sees half a file.
    const partial = path.join(this.dir, `.${key}.${randomUUID()}.partial`);
    try {
      await writeFile(partial, data);
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.file(key)));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async stream(key: string, range?: ByteRange): Promise<StoredStream | null> {
    const file = this.file(key);
    let bytes: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) return null;
      bytes = info.size;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    if (!range) return { body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, bytes, totalBytes: bytes };
    const part = clampRange(range, bytes);
    if (!part) return { body: new Blob([]).stream(), bytes: 0, totalBytes: bytes };
    const body = Readable.toWeb(createReadStream(file, part)) as ReadableStream<Uint8Array>;
    return { body, bytes: part.end - part.start + 1, totalBytes: bytes, range: part };
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}
