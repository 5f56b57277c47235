import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MARK, patchSource, RUNTIMES, runtimeFolder } from "./patch-next.mjs";

// The shape of the call in Next.js 16.4's minified runtimes.
const CALL = "let p=null,m=!1;i.segmentData=await r.collectSegmentData(n.cacheComponents,e,d,o,c,!!n.experimental.prefetchInlining,s,m)}";

describe("segment prefetch data only for pages the build prerenders (scripts/patch-next.mjs)", () => {
  it("collects it when the render options say the build is prerendering, and stores none otherwise", () => {
    const patched = patchSource(CALL);
    expect(patched).toBe("let p=null,m=!1;i.segmentData=!n.isBuildTimePrerendering?new Map:await r.collectSegmentData(n.cacheComponents,e,d,o,c,!!n.experimental.prefetchInlining,s,m)}");
    const run = (isBuildTimePrerendering: boolean) =>
      new Function("n", "r", "e", "d", "o", "c", "s", `return (async()=>{const i={};${patched!.slice(0, -1)};return i.segmentData})()`)(
        { isBuildTimePrerendering, cacheComponents: false, experimental: {} },
        { collectSegmentData: async () => new Map([["/_tree", Buffer.from("tree")]]) },
      ) as Promise<Map<string, Buffer>>;
    return Promise.all([run(true), run(false)]).then(([atBuild, atRuntime]) => {
      expect([...atBuild.keys()]).toEqual(["/_tree"]);
      expect(atRuntime.size).toBe(0);
    });
  });

  it("leaves code it does not recognise alone, and patches once", () => {
    expect(patchSource("i.segmentData=await collect(n)")).toBeNull();
    expect(patchSource(CALL + CALL)).toBeNull();
    const once = patchSource(CALL)!;
    expect(patchSource(once)).toBe(once);
  });

  // Fails after a Next.js upgrade the script no longer fits: adapt it (or drop it if Next lets reader
  // pages opt out of segment prefetching without cacheComponents).
  it.each(RUNTIMES)("is applied to the installed %s", (name) => {
    const source = readFileSync(path.join(runtimeFolder(), name), "utf8");
    expect(source).toContain(MARK);
  });
});
