import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const updated: string[] = [];
const scheduled: (() => void)[] = [];
let afterFails = false;
vi.mock("next/cache", () => ({ updateTag: (tag: string) => void updated.push(tag) }));
vi.mock("next/server", () => ({
  after: (callback: () => void) => {
    if (afterFails) throw new Error("after() outside a request");
    scheduled.push(callback);
  },
}));

const { expirePublicPages } = await import("@/lib/cache-invalidation");
const HOOK = Symbol.for("quire.pageResponseCache");

describe("expirePublicPages", () => {
  const release = vi.fn();
  const hold = vi.fn(() => release);

  beforeEach(() => {
    updated.length = 0;
    scheduled.length = 0;
    afterFails = false;
    release.mockClear();
    hold.mockClear();
    (globalThis as Record<symbol, unknown>)[HOOK] = { hold };
  });

  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[HOOK];
  });

  it("expires every tag, holds the server's page cache and releases it after the response", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expirePublicPages(["posts", "post:a"]);
    expect(updated).toEqual(["posts", "post:a"]);
    expect(hold).toHaveBeenCalledTimes(1);
    expect(release).not.toHaveBeenCalled();
    expect(scheduled).toEqual([release]);
  });

  it("releases at once, and does not throw, when the release cannot be scheduled", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    afterFails = true;
    expect(() => expirePublicPages(["posts"])).not.toThrow();
    expect(updated).toEqual(["posts"]);
    expect(release).toHaveBeenCalledTimes(1);
    expect(logged).toHaveBeenCalled();
  });

  it("does nothing for a write readers cannot see", () => {
    expirePublicPages([]);
    expect(updated).toEqual([]);
    expect(hold).not.toHaveBeenCalled();
  });

  it("only expires tags where no server runs (tests, tools)", () => {
    delete (globalThis as Record<symbol, unknown>)[HOOK];
    expirePublicPages(["posts"]);
    expect(updated).toEqual(["posts"]);
    expect(scheduled).toEqual([]);
  });
});
