import { describe, expect, it } from "vitest";
import { parsePageParam } from "@/lib/page-param";

describe("parsePageParam", () => {
  it("reads canonical positive integers", () => {
    expect(parsePageParam("1")).toBe(1);
    expect(parsePageParam("2")).toBe(2);
    expect(parsePageParam("999999")).toBe(999999);
  });

  it("rejects everything else, so each page has one URL", () => {
    for (const raw of ["", "0", "02", "-1", "1.5", "1e3", " 2", "2 ", "two", "0x10", "1000000"]) {
      expect(parsePageParam(raw), raw).toBeNull();
    }
  });
});
