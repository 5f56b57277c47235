import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "@playwright/test";
import type { ReceivedMail } from "../../tests/smtp-sink";

/** Waits for the SMTP sink (e2e/global-setup.ts) to receive a message to `to`, and returns the newest. */
export async function waitForMail(to: string): Promise<ReceivedMail> {
  const dir = process.env.E2E_MAIL_DIR!;
  let found: ReceivedMail | undefined;
  await expect
    .poll(async () => {
      const files = (await readdir(dir).catch(() => [])).filter((file) => file.endsWith(".json")).sort();
      const mails = await Promise.all(files.map(async (file) => JSON.parse(await readFile(path.join(dir, file), "utf8")) as ReceivedMail));
      found = mails.filter((mail) => mail.to.includes(to.toLowerCase())).pop();
      return Boolean(found);
    }, { message: `no mail to ${to}`, timeout: 15_000 })
    .toBe(true);
  return found!;
}

/** The path of the first link to `prefix` in a message (the server's origin is the test's baseURL). */
export function linkPath(mail: ReceivedMail, prefix: string): string {
  const match = new RegExp(`https?://[^/\\s]+(${prefix}[^\\s]+)`).exec(mail.text);
  if (!match) throw new Error(`No ${prefix} link in:\n${mail.text}`);
  return match[1]!;
}
