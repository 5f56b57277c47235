import type { ObjectStorage } from "@/lib/storage/storage";

/**
 * A store whose implementation is made by `load` when one of its methods is first called, so a driver's
 * modules (the S3 SDK: several MB of code a server would otherwise keep from its start) load only once
 * media is actually read or written. A failed load is tried again on the next call.
 */
export function storageOnFirstUse(load: () => Promise<ObjectStorage>): ObjectStorage {
  let loading: Promise<ObjectStorage> | undefined;
  const store = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return {
    put: async (key, data, contentType) => (await store()).put(key, data, contentType),
    get: async (key) => (await store()).get(key),
    stream: async (key, range) => (await store()).stream(key, range),
    delete: async (key) => (await store()).delete(key),
  };
}
