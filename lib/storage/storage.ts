/**
 * Where uploaded files live, behind one small interface so that a shared store (S3-compatible, for
 * several app instances) can replace the local disk without touching callers. Callers speak in keys,
 * never in paths: a key is a flat name the app generated, checked by isStorageKey before any I/O.
 */
export interface ObjectStorage {
  /** Stores `data` under `key`, replacing what was there; readers never see a half-written object. */
  put(key: string, data: Uint8Array, contentType: string): Promise<void>;
  /** The whole object, or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
  /** The object as a stream with its size, or null when there is none. */
  stream(key: string): Promise<StoredStream | null>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

export interface StoredStream {
  body: ReadableStream<Uint8Array>;
  bytes: number;
}

/**
 * Whether `key` is a storage key: lower-case letters and digits in runs joined by single dots, hyphens
 * or underscores, at most 128 characters. No slash, backslash, "..", leading dot or percent sign can
 * pass, so no key can name a file outside the store.
 */
export function isStorageKey(key: unknown): key is string {
  return typeof key === "string" && key.length <= 128 && /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(key);
}

/** Throws unless `key` is a storage key (a programming error: keys are generated, never typed by users). */
export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
}
