import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { mailConfig, type MailConfig } from "@/lib/mail/config";

/**
 * The one way Quire sends e-mail: through the SMTP server in SMTP_URL or SMTP_HOST/PORT/USER/PASS, from
 * SMTP_FROM. Callers check mailConfigured() and show a link to pass on by hand when it is false.
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Whether an SMTP server is configured. */
export function mailConfigured(): boolean {
  return mailConfig() !== null;
}

const cached = globalThis as unknown as { mailTransport?: { key: string; transporter: Transporter } };

function transporterFor(config: MailConfig): Transporter {
  const key = JSON.stringify(config.transport);
  // One pooled connection set per configuration; a changed setting (tests) gets a new one.
  if (cached.mailTransport?.key !== key) {
    cached.mailTransport?.transporter.close();
    cached.mailTransport = { key, transporter: nodemailer.createTransport(config.transport) };
  }
  return cached.mailTransport.transporter;
}

/** Sends one plain-text message. Throws when no SMTP server is configured or the server refuses it. */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const config = mailConfig();
  if (!config) throw new Error("No SMTP server is configured (SMTP_URL or SMTP_HOST).");
  await transporterFor(config).sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text });
}
