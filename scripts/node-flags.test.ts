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
});
