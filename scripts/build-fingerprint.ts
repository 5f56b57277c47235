import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "public", "next.config.ts", "package-lock.json", "postcss.config.mjs", "prisma/schema.prisma", "proxy.ts", "tsconfig.json"];
const SKIP = new Set(["generated", "node_modules"]);

function walk(file: string, hash: ReturnType<typeof createHash>) {
  if (!existsSync(file)) return;
  const stat = statSync(file);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(file).sort()) if (!SKIP.has(entry)) walk(path.join(file, entry), hash);
    return;
  }
  hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
}

/** Fingerprint of what a production build depends on: the sources and the database it prerendered from. */
function fingerprint(root: string, database: string): string {
  const hash = createHash("sha256").update(database);
  for (const input of INPUTS) walk(path.join(root, input), hash);
  return hash.digest("hex");
}

/** Next's build folder: next.config.ts reads the same variable. */
const distDir = (root: string) => path.join(root, process.env.QUIRE_DIST_DIR ?? ".next");
const stampFile = (root: string) => path.join(distDir(root), "quire-build-fingerprint");

export function buildIsCurrent(root: string, database: string): boolean {
  const stamp = stampFile(root);
  return existsSync(path.join(distDir(root), "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint(root, database);
}

export function recordBuild(root: string, database: string): void {
  writeFileSync(stampFile(root), fingerprint(root, database));
}
