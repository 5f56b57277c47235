/**
 * A real SMTP server on localhost for tests: it accepts every message, parses it with mailparser and keeps
 * it (in memory, and as JSON files in `dir` when given, for other processes such as Playwright workers).
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface SmtpSink {
  port: number;
  url: string;
  messages: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(options: { port?: number; dir?: string } = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  if (options.dir) await mkdir(options.dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const mail: ReceivedMail = {
            from: parsed.from?.text ?? "",
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            receivedAt: new Date().toISOString(),
          };
          messages.push(mail);
          count += 1;
          if (options.dir) {
            // Written under another name, then renamed: readers polling the folder never see half a message.
            const file = path.join(options.dir, `${Date.now()}-${process.pid}-${count}.json`);
            await writeFile(`${file}.part`, JSON.stringify(mail));
            await rename(`${file}.part`, file);
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "localhost", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://localhost:${port}`,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The first link to this site's `pathPrefix` in a message's text. */
export function linkIn(text: string, pathPrefix: string): string {
  const match = new RegExp(`https?://\\S+${pathPrefix.replace(/[/]/g, "\\/")}\\S+`).exec(text);
  if (!match) throw new Error(`No ${pathPrefix} link in:\n${text}`);
  return match[0];
}
