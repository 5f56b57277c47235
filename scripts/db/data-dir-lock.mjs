/**
 * One process at a time per embedded data directory. PGlite writes a postmaster.pid but never checks
 * it, so two processes would happily open the same files and corrupt them.
 *
 * The lock is `<dataDir>.lock` holding the owner's pid (and, on Linux, its start time, so that a pid
 * reused after a crash or a container restart is not mistaken for the owner).
 */
import { randomBytes } from "node:crypto";
import { readFileSync, unlinkSync } from "node:fs";
import { link, readFile, rename, unlink, writeFile } from "node:fs/promises";

/** @typedef {{ pid: number; startTime: string | null }} LockOwner */

export class DataDirInUseError extends Error {
  /**
   * @param {string} label
   * @param {number} pid
   */
  constructor(label, pid) {
    super(`The embedded database in ${label} is in use by process ${pid}${pid === process.pid ? " (this process)" : ""}; stop it first.`);
    this.name = "DataDirInUseError";
    this.label = label;
    this.pid = pid;
  }
}

/** @type {Set<string>} */
const heldHere = new Set();

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); null off Linux. */
function processStartTime(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses; count from its closing ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** @returns {LockOwner | null} */
function parseOwner(text) {
  try {
    const value = JSON.parse(text);
    if (typeof value !== "object" || value === null || !("pid" in value) || !Number.isInteger(value.pid)) return null;
    const startTime = "startTime" in value && typeof value.startTime === "string" ? value.startTime : null;
    return { pid: Number(value.pid), startTime };
  } catch {
    return null;
  }
}

function sameOwner(a, b) {
  return a !== null && b !== null && a.pid === b.pid && a.startTime === b.startTime;
}

function isAlive(owner, lockPath) {
  if (owner.pid === process.pid) return heldHere.has(lockPath);
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's.
    if (error.code === "ESRCH") return false;
  }
  const startTime = processStartTime(owner.pid);
  return owner.startTime === null || startTime === null || startTime === owner.startTime;
}

/** null when the file is gone; a garbled file counts as an owner that is not alive. */
async function readOwner(lockPath) {
  try {
    return parseOwner(await readFile(lockPath, "utf8"));
  } catch (error) {
    if (error.code === "ENOENT") return undefined;
    throw error;
  }
}

/** link() creates the lock only if absent, and with its full content, so no reader sees it half-written. */
async function tryCreate(lockPath, me) {
  const draft = `${lockPath}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(draft, JSON.stringify(me));
  try {
    await link(draft, lockPath);
    return true;
  } catch (error) {
    if (error.code === "EEXIST") return false;
    throw error;
  } finally {
    await unlink(draft);
  }
}

/**
 * Moves the stale lock aside, then checks that what it moved is still the stale owner's: if another
 * process took over in between, its lock is put back. Unlinking directly could delete a fresh lock.
 */
async function removeStale(lockPath, stale) {
  const aside = `${lockPath}.stale.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (error.code === "ENOENT") return;
    throw error;
  }
  const moved = await readOwner(aside);
  if (moved !== undefined && moved !== null && !sameOwner(moved, stale)) {
    await link(aside, lockPath).catch(() => undefined);
  }
  await unlink(aside);
}

/**
 * Locks `dataDir` for this process. Throws DataDirInUseError when a live process holds it; takes over
 * a lock whose process is gone (killed, crashed). `label` names the directory in messages.
 */
export async function acquireDataDirLock(dataDir, label) {
  const lockPath = `${dataDir}.lock`;
  const me = { pid: process.pid, startTime: processStartTime(process.pid) };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await tryCreate(lockPath, me)) {
      heldHere.add(lockPath);
      return lockHandle(lockPath, me);
    }
    const owner = await readOwner(lockPath);
    if (owner === undefined) continue;
    if (owner !== null && isAlive(owner, lockPath)) throw new DataDirInUseError(label, owner.pid);
    await removeStale(lockPath, owner);
  }
  throw new Error(`Could not lock ${label}: ${lockPath} keeps changing; is another process starting it?`);
}

function lockHandle(lockPath, me) {
  const ownedByMe = (text) => sameOwner(parseOwner(text), me);
  return {
    async release() {
      if (!heldHere.delete(lockPath)) return;
      const text = await readFile(lockPath, "utf8").catch(() => "");
      if (ownedByMe(text)) await unlink(lockPath).catch(() => undefined);
    },
    releaseSync() {
      if (!heldHere.delete(lockPath)) return;
      try {
        if (ownedByMe(readFileSync(lockPath, "utf8"))) unlinkSync(lockPath);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}
