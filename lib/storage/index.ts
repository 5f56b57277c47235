import "server-only";
import path from "node:path";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import type { ObjectStorage } from "@/lib/storage/storage";

export { isStorageKey, type ObjectStorage, type StoredStream } from "@/lib/storage/storage";

/** The data folder of scripts/run.ts; media go beside the embedded database unless MEDIA_DIR says otherwise. */
export const DEFAULT_MEDIA_DIR = path.join(".data", "media");

let storage: ObjectStorage | undefined;

/**
 * The store for uploaded media: the local disk under MEDIA_DIR (default .data/media, relative to the
 * working directory). A shared store for several instances plugs in here.
 */
export function mediaStorage(): ObjectStorage {
  // Chosen at run time: the build must not trace (and bundle) whatever folder this names.
  storage ??= new LocalDiskStorage(path.resolve(/* turbopackIgnore: true */ process.env.MEDIA_DIR || DEFAULT_MEDIA_DIR));
  return storage;
}
