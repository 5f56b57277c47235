import { CacheRuntime, installCacheRuntime } from "@/lib/cache/runtime";
import { MemoryStorage } from "@/lib/cache/storage/memory";

/**
 * Starts this test process's cache runtime (memory only: no table, no bus) and pushes onto `into` every
 * tag expired through it: the post editor's actions expire public pages there directly, other actions
 * through next/cache's updateTag, which the suites mock to push onto the same list.
 */
export function recordRuntimeInvalidations(into: string[]): void {
  const runtime = new CacheRuntime({ storage: new MemoryStorage(1024 * 1024) });
  installCacheRuntime(runtime);
  runtime.onInvalidate((tags) => void into.push(...tags));
}
