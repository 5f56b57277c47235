"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";

export interface EnrolmentStart {
  secret: string;
  qrSvg: string;
}

export interface TwoFactorEnrolmentProps {
  start: () => Promise<ActionResult<EnrolmentStart>>;
  confirm: (code: string) => Promise<ActionResult<string[]>>;
  /** Where to go once the recovery codes were saved. */
  doneHref: string;
}

const inputClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-base tracking-widest shadow-sm focus:border-indigo-500 dark:border-zinc-700 dark:bg-zinc-900";

/** Set-up: scan the QR code (or type the key), confirm with a code, then keep the recovery codes shown once. */
export function TwoFactorEnrolment({ start, confirm, doneHref }: TwoFactorEnrolmentProps) {
  const [enrolment, setEnrolment] = useState<EnrolmentStart | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  if (codes) {
    return (
      <section className="space-y-4" aria-labelledby="recovery-heading">
        <h2 id="recovery-heading" className="text-lg font-semibold">
          Two-factor sign-in is on. Save your recovery codes
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Each code works once, if you lose your phone. They are shown only now.</p>
        <ul data-testid="recovery-codes" className="grid grid-cols-2 gap-2 rounded-md border border-zinc-200 p-4 font-mono text-sm dark:border-zinc-800">
          {codes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <a href={doneHref} className="inline-block text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          I have saved them — continue
        </a>
      </section>
    );
  }

  if (!enrolment) {
    return (
      <div className="space-y-3">
        {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>}
        <Button
          variant="primary"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await start();
              if (result.ok) setEnrolment(result.data);
              else setError(result.error);
            })
          }
        >
          Set up two-factor sign-in
        </Button>
      </div>
    );
  }

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const code = String(new FormData(event.currentTarget).get("code") ?? "");
        startTransition(async () => {
          const result = await confirm(code);
          if (result.ok) setCodes(result.data);
          else setError(result.error);
        });
      }}
    >
      <p className="text-sm">Scan this code with an authenticator app (1Password, Google Authenticator, Aegis…), or type the key.</p>
      {/* SVG made on the server by the qrcode package from our own otpauth URI; it contains no user markup. */}
      <div className="w-48 rounded bg-white p-1" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
      <p className="text-sm">
        Key: <code data-testid="totp-secret" className="font-mono break-all">{enrolment.secret}</code>
      </p>
      {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>}
      <div>
        <label htmlFor="code" className="block text-sm font-medium">
          Code from the app
        </label>
        <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" required className={inputClass} />
      </div>
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Checking…" : "Turn on"}
      </Button>
    </form>
  );
}
