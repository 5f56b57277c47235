import { describe, expect, it } from "vitest";
import { titleFromInput } from "./title-field";

describe("titleFromInput", () => {
  it("turns line breaks, with the spaces around them, into one space", () => {
    expect(titleFromInput("Two lines\nof a title")).toBe("Two lines of a title");
    expect(titleFromInput("Windows \r\n  line ends\r\rand more")).toBe("Windows line ends and more");
  });

  it("leaves a one-line title as it is, spaces included", () => {
    expect(titleFromInput("  Spaces  kept while typing ")).toBe("  Spaces  kept while typing ");
  });
});
