import { describe, expect, it } from "vitest";
import { initials } from "@/lib/initials";

describe("initials", () => {
  it("takes the first letter of the first two words, upper-cased", () => {
    expect(initials("ada lovelace byron")).toBe("AL");
    expect(initials("  Grace   Hopper ")).toBe("GH");
    expect(initials("Cher")).toBe("C");
    expect(initials("")).toBe("");
  });
});
