import { describe, expect, it } from "vitest";
import { TagStore } from "@/lib/cache/tag-store";
import { EVERY_ENTRY_TAG, isStale, latestExpiration } from "@/lib/cache/tags";

describe("tag staleness", () => {
  const expirations = new Map([
    ["post:a", 1_000],
    ["posts", 2_000],
  ]);

  it("takes the latest expiration among an entry's tags", () => {
    expect(latestExpiration(expirations, ["post:a", "posts", "post:b"])).toBe(2_000);
    expect(latestExpiration(expirations, ["post:b"])).toBe(0);
  });

  it("makes an entry stale when one of its tags expired at or after it was made", () => {
    expect(isStale(expirations, ["post:a"], 999)).toBe(true);
    expect(isStale(expirations, ["post:a"], 1_000)).toBe(true);
    expect(isStale(expirations, ["post:a"], 1_001)).toBe(false);
    expect(isStale(expirations, ["post:b"], 1)).toBe(false);
    expect(isStale(expirations, [], 1)).toBe(false);
  });

  it("applies the every-entry tag to entries of any tags", () => {
    const withEpoch = new Map([[EVERY_ENTRY_TAG, 5_000]]);
    expect(isStale(withEpoch, [], 4_999)).toBe(true);
    expect(isStale(withEpoch, ["post:a"], 5_001)).toBe(false);
  });
});

describe("TagStore", () => {
  it("keeps the later of a known and a recorded expiration", () => {
    const store = new TagStore();
    store.record(["post:a"], 2_000);
    store.record(["post:a"], 1_000);
    expect(store.latest(["post:a"])).toBe(2_000);
  });

  it("records rows newer than known at no earlier than now on a reload, and reports them", () => {
    const store = new TagStore();
    store.record(["post:a", "posts"], 1_000);
    // post:a unchanged; posts changed while the bus was down (stamped by another clock, earlier than now).
    const changed = store.merge(
      [
        ["post:a", 1_000],
        ["posts", 1_500],
        ["tag:x", 900],
      ],
      3_000,
    );
    expect(changed.sort()).toEqual(["posts", "tag:x"]);
    expect(store.latest(["posts"])).toBe(3_000);
    // An entry this instance cached at 2_000, before hearing of the change, is stale.
    expect(store.isStale(["posts"], 2_000)).toBe(true);
    expect(store.isStale(["post:a"], 2_000)).toBe(false);
  });
});
