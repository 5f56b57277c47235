import { rm } from "node:fs/promises";
import { startSmtpSink } from "../tests/smtp-sink";

/**
 * Refuses any database not on this machine (the suite writes and deletes data), then starts the SMTP sink the server sends staff mail to (its messages
 * land as JSON files in E2E_MAIL_DIR for the specs to read); the returned function stops it.
 */
export default async function globalSetup() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("E2E tests need DATABASE_URL; run them through `npm test`.");
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
    throw new Error(`E2E tests refuse to run against a non-local database (${host}).`);
  }
  const dir = process.env.E2E_MAIL_DIR!;
  await rm(dir, { recursive: true, force: true });
  const sink = await startSmtpSink({ port: Number(process.env.E2E_SMTP_PORT), dir });
  return () => sink.close();
}
