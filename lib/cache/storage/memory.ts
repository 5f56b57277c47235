import type { EntryStorage } from "@/lib/cache/storage/types";

/** Largest size the memory layers accept from the environment: beyond it a typo (bytes for MB) is likelier. */
const MAX_MEMORY_LAYER_MB = 4096;

/**
 * A memory layer's size in bytes from an environment variable counting whole MB (0 turns the layer
 * off), or `defaultMb` when it is unset or empty. Anything else is refused with the variable's name, so a
 * bad value stops the start instead of silently keeping the default.
 */
export function megabytesFromEnvironment(env: Record<string, string | undefined>, name: string, defaultMb: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return defaultMb * 1024 * 1024;
  const mb = Number(raw);
  if (!/^\d+$/.test(raw) || mb > MAX_MEMORY_LAYER_MB) throw new Error(`${name} must be a whole number of MB from 0 to ${MAX_MEMORY_LAYER_MB}, not "${raw}".`);
  return mb * 1024 * 1024;
}

/** More memory than this behind a value that is not its own, and the front keeps a copy. */
const SHARED_SLACK_BYTES = 1024;

/** A copy in memory of its own (Buffer.from would take small ones from the shared pool again). */
function ownCopy(value: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(value.length);
  value.copy(copy);
  return copy;
}

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
    // A view into a larger buffer (a Redis reply's socket chunk, Node's shared pool for small buffers)
    // would keep all of that alive while only its own bytes count against maxBytes: keep a copy instead.
    // A disk entry is its file less an 8-byte header, not worth copying.
    const own = value.buffer.byteLength - value.byteLength > SHARED_SLACK_BYTES ? ownCopy(value) : value;
    this.#slots.set(key, { value: own, expiresAt: this.now() + ttlSeconds * 1000 });
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
