// `prisma generate` needs no schema engine, but the CLI insists on finding one before it runs.
// Pointing it at any existing file skips the download that fails on machines without internet.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
if (result.status !== 0) process.exit(result.status ?? 1);

/**
 * The generated client loads Prisma's query compiler (WebAssembly) from a module that exports it as one
 * 4.5 MB base64 string. A loaded module stays loaded, so the server kept that string for as long as it
 * ran, twice: the module's source and the string it evaluates to (9 MB of the V8 heap, README "Memory").
 * Here the compiler is decoded once into a .wasm file beside the client, which then compiles it from a
 * buffer it drops. The server, tests and scripts run in the project's root, as next.config.ts assumes.
 */
const OUTPUT = "lib/generated/prisma";
const QUERY_COMPILER_FILE = `${OUTPUT}/query-compiler.wasm`;
const classFile = path.join(OUTPUT, "internal", "class.ts");
const loader = /( {2}getQueryCompilerWasmModule: async \(\) => \{\n)( {4}const \{ wasm \} = await import\("(@prisma\/client\/runtime\/query_compiler_[a-z]+_bg\.[a-z]+\.wasm-base64\.mjs)"\)\n {4}return await decodeBase64AsWasm\(wasm\)\n)( {2}\},)/;
const source = readFileSync(classFile, "utf8");
const match = loader.exec(source);
if (!match) {
  console.error(
    `scripts/generate-prisma.mjs: ${classFile} no longer loads the query compiler as this script expects (a Prisma upgrade?); ` +
      "see the comment in this script and adapt it, or remove the step.",
  );
  process.exit(1);
}
const { wasm } = await import(match[3]);
writeFileSync(QUERY_COMPILER_FILE, Buffer.from(wasm, "base64"));
const readFromFile =
  "    // Read from the file scripts/generate-prisma.mjs decoded, not from a base64 module kept loaded.\n" +
  '    const [{ readFile }, path] = await Promise.all([import("node:fs/promises"), import("node:path")])\n' +
  `    return new WebAssembly.Module(await readFile(path.join(process.cwd(), ${JSON.stringify(QUERY_COMPILER_FILE)})))\n`;
writeFileSync(classFile, source.replace(loader, (_, open, _body, _module, close) => open + readFromFile + close));
