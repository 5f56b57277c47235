import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

describe("the generated Prisma client (scripts/generate-prisma.mjs)", () => {
  it("compiles the query compiler from the .wasm file decoded at generation, not from a base64 module that stays loaded", () => {
    const client = readFileSync(path.join(root, "lib/generated/prisma/internal/class.ts"), "utf8");
    expect(client).not.toMatch(/wasm-base64/);
    expect(client).toContain('"lib/generated/prisma/query-compiler.wasm"');
    const wasm = readFileSync(path.join(root, "lib/generated/prisma/query-compiler.wasm"));
    expect(WebAssembly.validate(wasm)).toBe(true);
  });
});
