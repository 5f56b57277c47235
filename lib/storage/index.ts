import "server-only";
import path from "node:path";
import { storageSettings } from "@/lib/storage/config";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { storageOnFirstUse } from "@/lib/storage/on-first-use";
import type { ObjectStorage } from "@/lib/storage/storage";

export { isStorageKey, type ByteRange, type ObjectStorage, type StoredStream } from "@/lib/storage/storage";

/** The data folder of scripts/run.ts; media go beside the embedded database unless MEDIA_DIR says otherwise. */
export const DEFAULT_MEDIA_DIR = path.join(".data", "media");

let storage: ObjectStorage | undefined;

/**
 * The store for uploaded media: the local disk under MEDIA_DIR (default .data/media, relative to the
 * working directory), or with MEDIA_STORAGE=s3 a bucket of an S3-compatible store that several
 * instances share (lib/storage/config.ts lists its variables).
 */
export function mediaStorage(): ObjectStorage {
  if (storage) return storage;
  const settings = storageSettings();
  // Chosen at run time: the build must not trace (and bundle) whatever folder this names. The S3 SDK is
  // imported only here, on the first media read or write: a server on the local disk never loads it.
  storage =
    settings.driver === "s3"
      ? storageOnFirstUse(async () => (await import("@/lib/storage/s3")).createS3Storage(settings))
      : new LocalDiskStorage(path.resolve(/* turbopackIgnore: true */ settings.dir || DEFAULT_MEDIA_DIR));
  return storage;
}
