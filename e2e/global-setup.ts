/** Refuses to run against anything but a database on this machine: the suite writes and deletes data. */
export default function globalSetup() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("E2E tests need DATABASE_URL; run them through `npm test`.");
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
    throw new Error(`E2E tests refuse to run against a non-local database (${host}).`);
  }
}
