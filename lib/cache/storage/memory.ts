import type { EntryStorage } from "@/lib/cache/storage/types";

interface Slot {
  value: Buffer;
  expiresAt: number;
}

/**
 * Entries in this process, the least recently used dropped first beyond `maxBytes`. In front of the
 * disk or Redis storage (tiered below) and in their place while Redis is down.
 */
export class MemoryStorage implements EntryStorage {
  readonly name = "memory";
  readonly #slots = new Map<string, Slot>();
  #bytes = 0;

  constructor(
    readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  get bytes(): number {
    return this.#bytes;
  }

  async get(key: string): Promise<Buffer | undefined> {
    return this.getNow(key);
  }

  getNow(key: string): Buffer | undefined {
    const slot = this.#slots.get(key);
    if (!slot) return undefined;
    if (slot.expiresAt <= this.now()) {
      this.#remove(key, slot);
      return undefined;
    }
    this.#slots.delete(key);
    this.#slots.set(key, slot);
    return slot.value;
  }

  async set(key: string, value: Buffer, ttlSeconds: number): Promise<void> {
    const previous = this.#slots.get(key);
    if (previous) this.#remove(key, previous);
    if (value.length > this.maxBytes || ttlSeconds <= 0) return;
    this.#slots.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
    this.#bytes += value.length;
    for (const [oldest, slot] of this.#slots) {
      if (this.#bytes <= this.maxBytes) break;
      this.#remove(oldest, slot);
    }
  }

  async delete(key: string): Promise<void> {
    const slot = this.#slots.get(key);
    if (slot) this.#remove(key, slot);
  }

  #remove(key: string, slot: Slot): void {
    this.#slots.delete(key);
    this.#bytes -= slot.value.length;
  }
}

/** A fast memory front over a storage that holds everything (disk or Redis). */
export class TieredStorage implements EntryStorage {
  readonly name: string;

  constructor(
    private readonly front: MemoryStorage,
    private readonly back: EntryStorage,
    /** How long the front keeps a copy at most, so a Redis entry another instance replaced is re-read. */
    private readonly frontTtlSeconds = 300,
  ) {
    this.name = `${back.name} with memory in front`;
  }

  async get(key: string): Promise<Buffer | undefined> {
    const near = this.front.getNow(key);
    if (near) return near;
    const far = await this.back.get(key);
    if (far) await this.front.set(key, far, this.frontTtlSeconds);
    return far;
  }

  async set(key: string, value: Buffer, ttlSeconds: number): Promise<void> {
    await this.front.set(key, value, Math.min(ttlSeconds, this.frontTtlSeconds));
    await this.back.set(key, value, ttlSeconds);
  }

  async delete(key: string): Promise<void> {
    await this.front.delete(key);
    await this.back.delete(key);
  }

  async close(): Promise<void> {
    await this.back.close?.();
  }
}
