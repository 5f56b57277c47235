/** A labelled form control with optional help text and an error, wired together for screen readers. */
export interface FormFieldProps {
  id: string;
  label: string;
  help?: React.ReactNode;
  error?: string;
  children: (control: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }) => React.ReactNode;
}

export const inputClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:aria-invalid:border-red-400";

export function FormField({ id, label, help, error, children }: FormFieldProps) {
  const describedBy = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {help && (
        <p id={`${id}-help`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {help}
        </p>
      )}
    </div>
  );
}

export interface FormMessage {
  kind: "success" | "error";
  text: string;
}

/** Success in a polite status region, failures in an alert; both regions stay mounted so they are announced. */
export function FormMessages({ message }: { message: FormMessage | null }) {
  return (
    <>
      <div aria-live="assertive">
        {message?.kind === "error" && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
            {message.text}
          </p>
        )}
      </div>
      <div
        role="status"
        className={
          message?.kind === "success"
            ? "rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
            : "sr-only"
        }
      >
        {message?.kind === "success" ? message.text : ""}
      </div>
    </>
  );
}

/** The first message for a field; zod's paths name nested fields "a.b". */
export function firstError(fieldErrors: Record<string, string[] | undefined>, name: string): string | undefined {
  return fieldErrors[name]?.[0];
}

export const UNREACHABLE = "Could not reach the server, so nothing was saved. Try again in a moment.";
