// Runs the Next CLI as a child of scripts/run.ts that exits when its parent dies (even by SIGKILL), so
// a crashed start never leaves an orphan server holding the port and a closed database.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 1000).unref();

await import("next/dist/bin/next");
