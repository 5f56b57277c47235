import "server-only";
import { z } from "zod";

/** How to reach the SMTP server, or null when none is configured (links are then shown, not sent). */
export interface MailConfig {
  /** nodemailer's transport: an smtp(s):// URL or host, port and credentials. */
  transport: string | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
  from: string;
}

const Env = z.object({
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: "SMTP_URL must be an smtp:// or smtps:// URL" }).optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_FROM: z.string().min(3).optional(),
  SITE_URL: z.string().optional(),
});

/**
 * Read from the environment on every call (not at import), so a process started without SMTP and
 * tests that start their own sink both see the truth. Throws on a malformed setting.
 */
export function mailConfig(environment: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, v === "" ? undefined : v])));
  if (!parsed.success) throw new Error(`Invalid mail settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const e = parsed.data;
  if (!e.SMTP_URL && !e.SMTP_HOST) return null;
  const host = e.SITE_URL && URL.canParse(e.SITE_URL) ? new URL(e.SITE_URL).hostname : "localhost";
  const from = e.SMTP_FROM ?? `Quire <no-reply@${host}>`;
  if (e.SMTP_URL) return { transport: e.SMTP_URL, from };
  const port = e.SMTP_PORT ?? 587;
  return {
    transport: {
      host: e.SMTP_HOST!,
      port,
      // 465 speaks TLS from the first byte; other ports upgrade with STARTTLS when the server offers it.
      secure: port === 465,
      ...(e.SMTP_USER ? { auth: { user: e.SMTP_USER, pass: e.SMTP_PASS ?? "" } } : {}),
    },
    from,
  };
}
