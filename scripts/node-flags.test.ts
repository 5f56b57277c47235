import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "./node-flags.mjs";

const root = path.resolve(import.meta.dirname, "..");

describe("the production server's Node options", () => {
  it("are the ones npm start gives the server, before the script", () => {
    const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe(["node", ...SERVER_NODE_FLAGS, "scripts/start.mjs", "start"].join(" "));
  });

  it("limit the old generation with room above what the walk, search and editing left live (186 MB)", () => {
    const limit = Number(SERVER_NODE_FLAGS.find((flag) => flag.startsWith("--max-old-space-size="))?.split("=")[1]);
    expect(limit).toBeGreaterThanOrEqual(186 * 1.7);
  });

  it("leave Prisma's WebAssembly query compiler on V8's baseline code except for a function that runs very long", () => {
    // V8's default budget is 1,800,000; recompiling at start kept about 75 MB more resident (README "Memory").
    const budget = Number(SERVER_NODE_FLAGS.find((flag) => flag.startsWith("--wasm-tiering-budget="))?.split("=")[1]);
    expect(budget).toBeGreaterThanOrEqual(100 * 1_800_000);
  });
});
