/** Where cache entries live: serialised bytes under a key, each with a lifetime. */
export interface EntryStorage {
  readonly name: string;
  get(key: string): Promise<Buffer | undefined>;
  /** Stores `value`; it may be dropped after `ttlSeconds`. */
  set(key: string, value: Buffer, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  close?(): Promise<void>;
}
