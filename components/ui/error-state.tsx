"use client";

import { useEffect } from "react";

export interface ErrorStateProps {
  error: Error & { digest?: string };
  reset: () => void;
  message: string;
}

/** The body of an error boundary: a generic message, the digest logged for the server logs, a retry. */
export function ErrorState({ error, reset, message }: ErrorStateProps) {
  useEffect(() => {
    console.error("Render error", error.digest);
  }, [error]);
  return (
    <div className="py-10">
      <h1 className="text-2xl font-bold tracking-tight">Something went wrong</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">{message}</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white dark:bg-zinc-100 dark:text-zinc-900">
        Try again
      </button>
    </div>
  );
}
