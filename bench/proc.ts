/** Resident memory of a process tree, from Linux's /proc. */
import { readdirSync, readFileSync } from "node:fs";

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
