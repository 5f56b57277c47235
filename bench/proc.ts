/** Resident memory of a process tree, from Linux's /proc. */
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface ProcessMemory {
  pid: number;
  command: string;
  rssBytes: number;
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command (field 2) may hold spaces and parentheses; fields count from its closing ")".
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

function memoryOf(pid: number): ProcessMemory | null {
  try {
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    // A process that set its title leaves the rest of its original command line as padding.
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ").trim();
    return rss?.[1] ? { pid, command, rssBytes: Number(rss[1]) * 1024 } : null;
  } catch {
    return null;
  }
}

/** `root` and its live descendants with their RSS. */
export function processTree(root: number): ProcessMemory[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const found: ProcessMemory[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const memory = memoryOf(pid);
    if (memory) found.push(memory);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Titles of the processes that serve requests: `next start`'s server child, and scripts/server.mjs. */
const SERVER_TITLES = ["next-server", "quire-server"];

/** The process that serves requests: one with a server's title, or else the largest process of the tree. */
export function serverProcess(root: number): ProcessMemory | null {
  const tree = processTree(root);
  return tree.find((process) => SERVER_TITLES.some((title) => process.command.startsWith(title))) ?? tree.sort((a, b) => b.rssBytes - a.rssBytes)[0] ?? null;
}

/** RSS of `root` and every process under it: what the launcher leaves running, children included. */
export function treeBytes(root: number): number {
  return processTree(root).reduce((sum, process) => sum + process.rssBytes, 0);
}

/**
 * Samples every `intervalMs` until stopped: the serving process's RSS (peak and last) and the whole
 * tree's under `root` (peak), so a helper process the server started is counted in the tree's figure.
 */
export function sampleMemory(root: number, intervalMs = 200): { stop(): { peakBytes: number; lastBytes: number; treePeakBytes: number; pid: number | null } } {
  let peakBytes = 0;
  let lastBytes = 0;
  let treePeakBytes = 0;
  let pid: number | null = null;
  const sample = () => {
    treePeakBytes = Math.max(treePeakBytes, treeBytes(root));
    const server = serverProcess(root);
    if (!server) return;
    pid = server.pid;
    lastBytes = server.rssBytes;
    peakBytes = Math.max(peakBytes, server.rssBytes);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakBytes, lastBytes, treePeakBytes, pid };
    },
  };
}

/** CPU time (user + system) a process has used, in milliseconds; Linux counts it in 1/100 s ticks. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const PAGE_BYTES = 4096;
const PFN_MASK = (1n << 55n) - 1n;

/**
 * The physical pages a process has resident, as page frame numbers from /proc/<pid>/pagemap, or null
 * where the kernel hides them (frame numbers read as 0 without CAP_SYS_ADMIN). Two processes of the
 * same program share the pages of its binary and libraries: their RSS counts them in each.
 */
export function residentFrames(pid: number): Set<bigint> | null {
  let fd: number | null = null;
  try {
    const ranges: { first: bigint; pages: number }[] = [];
    let current: { first: bigint; pages: number } | null = null;
    for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
      const range = /^([0-9a-f]+)-([0-9a-f]+) /.exec(line);
      if (range) {
        const start = BigInt(`0x${range[1]}`);
        current = { first: start / 4096n, pages: Number((BigInt(`0x${range[2]}`) - start) / 4096n) };
        continue;
      }
      // Only mappings with something resident are read: V8 and WebAssembly reserve gigabytes of address space.
      if (current && /^Rss:\s+[1-9]/.test(line)) ranges.push(current);
    }
    fd = openSync(`/proc/${pid}/pagemap`, "r");
    const frames = new Set<bigint>();
    let hidden = true;
    const chunk = Buffer.alloc(65536 * 8);
    for (const { first, pages } of ranges) {
      for (let done = 0; done < pages; ) {
        const count = Math.min(pages - done, 65536);
        const read = readSync(fd, chunk, 0, count * 8, Number((first + BigInt(done)) * 8n)) / 8;
        for (let i = 0; i < read; i++) {
          const entry = chunk.readBigUInt64LE(i * 8);
          if (!(entry >> 63n)) continue;
          const frame = entry & PFN_MASK;
          if (frame !== 0n) hidden = false;
          frames.add(frame);
        }
        done += count;
      }
    }
    return hidden ? null : frames;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Bytes of `pid`'s resident pages that none of `others` has resident: what it adds to their memory.
 * Null where page frames cannot be read.
 */
export function bytesAddedTo(others: number[], pid: number): number | null {
  const own = residentFrames(pid);
  if (!own) return null;
  const theirs = new Set<bigint>();
  for (const other of others) for (const frame of residentFrames(other) ?? []) theirs.add(frame);
  let added = 0;
  for (const frame of own) if (!theirs.has(frame)) added++;
  return added * PAGE_BYTES;
}

/** npm's process waiting for a script, as `npm start` leaves it beside the server. */
export interface NpmWaiting {
  /** Its resident size. */
  rssBytes: number;
  /**
   * What it adds to the server's memory: its pages the server does not also have resident (both are
   * the same node binary, whose pages they share). Null where page frames cannot be read.
   */
  addedBytes: number | null;
}

/**
 * Runs `npm start` as this project's package.json defines it, with the script replaced by a wait, in a
 * folder of its own, and measures npm's process while it waits, beside the server's process tree under
 * `serverRoot`. Null if npm could not be found.
 */
export async function measureNpmStart(projectRoot: string, serverRoot: number): Promise<NpmWaiting | null> {
  const folder = mkdtempSync(path.join(tmpdir(), "quire-npm-start-"));
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  manifest.scripts = { ...manifest.scripts, start: 'node -e "setTimeout(() => {}, 5000)"' };
  writeFileSync(path.join(folder, "package.json"), JSON.stringify(manifest, null, 2));
  const child = spawn("npm", ["start", "--silent"], { cwd: folder, stdio: "ignore" });
  try {
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const npm = child.pid ? processTree(child.pid).find((process) => /^npm\b|npm-cli/.test(process.command)) : undefined;
    if (!npm) return null;
    return { rssBytes: npm.rssBytes, addedBytes: bytesAddedTo(processTree(serverRoot).map((process) => process.pid), npm.pid) };
  } finally {
    child.kill();
    await new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(undefined)));
    rmSync(folder, { recursive: true, force: true });
  }
}
