// Types of data-dir-lock.mjs, which is plain JavaScript so that `npm start` can load it without a TypeScript toolchain.

export interface DataDirLock {
  release(): Promise<void>;
  /** For process "exit" handlers, where nothing asynchronous runs. */
  releaseSync(): void;
}

export declare class DataDirInUseError extends Error {
  readonly label: string;
  readonly pid: number;
  constructor(label: string, pid: number);
}

/**
 * Locks `dataDir` for this process. Throws DataDirInUseError when a live process holds it; takes over
 * a lock whose process is gone (killed, crashed). `label` names the directory in messages.
 */
export declare function acquireDataDirLock(dataDir: string, label: string): Promise<DataDirLock>;
