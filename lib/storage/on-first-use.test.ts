import { describe, expect, it, vi } from "vitest";
import { storageOnFirstUse } from "@/lib/storage/on-first-use";
import type { ObjectStorage } from "@/lib/storage/storage";

function memoryStore(): ObjectStorage {
  const objects = new Map<string, Uint8Array>();
  return {
    put: async (key, data) => void objects.set(key, data),
    get: async (key) => objects.get(key) ?? null,
    stream: async (key) => {
      const data = objects.get(key);
      return data ? { body: new Blob([Buffer.from(data)]).stream(), bytes: data.byteLength, totalBytes: data.byteLength } : null;
    },
    delete: async (key) => void objects.delete(key),
  };
}

describe("storageOnFirstUse", () => {
  it("makes the store on the first call, once, and passes every call on to it", async () => {
    const load = vi.fn(async () => memoryStore());
    const store = storageOnFirstUse(load);
    expect(load).not.toHaveBeenCalled();

    await Promise.all([store.put("a.txt", Buffer.from("one"), "text/plain"), store.put("b.txt", Buffer.from("two"), "text/plain")]);
    expect(Buffer.from((await store.get("a.txt"))!).toString()).toBe("one");
    expect((await store.stream("b.txt"))?.totalBytes).toBe(3);
    await store.delete("a.txt");
    expect(await store.get("a.txt")).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("tries a failed load again on the next call", async () => {
    const load = vi.fn<() => Promise<ObjectStorage>>().mockRejectedValueOnce(new Error("module missing")).mockResolvedValue(memoryStore());
    const store = storageOnFirstUse(load);
    await expect(store.get("a.txt")).rejects.toThrow("module missing");
    expect(await store.get("a.txt")).toBeNull();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
