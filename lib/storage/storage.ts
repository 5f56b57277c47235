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
  /**
   * The object as a stream with its size, or null when there is none. With a range, only those bytes
   * (clamped to the object); a range starting past the end gives an empty body with `range` unset.
   */
  stream(key: string, range?: ByteRange): Promise<StoredStream | null>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** Inclusive byte offsets, as in an HTTP Range header; no `end` means to the end of the object. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface StoredStream {
  body: ReadableStream<Uint8Array>;
  /** Bytes in `body`. */
  bytes: number;
  /** Size of the whole object. */
  totalBytes: number;
  /** The bytes served when a satisfiable range was asked for (inclusive), else undefined. */
  range?: { start: number; end: number };
}

/** The part of an object of `size` bytes that `range` names, or null when none of it exists. */
export function clampRange(range: ByteRange, size: number): { start: number; end: number } | null {
  if (!Number.isInteger(range.start) || range.start < 0) throw new Error(`Bad range start: ${range.start}`);
  if (range.start >= size) return null;
  const end = Math.min(range.end ?? size - 1, size - 1);
  if (end < range.start) throw new Error(`Bad range: ${range.start}-${range.end}`);
  return { start: range.start, end };
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
