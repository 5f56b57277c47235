/** The centred card of the sign-in, invitation and password pages. */
export function AuthCard({ title, intro, children }: { title: string; intro?: React.ReactNode; children: React.ReactNode }) {
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-zinc-50 px-5 py-16 dark:bg-zinc-950">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {intro && <div className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">{intro}</div>}
        {children}
      </div>
    </main>
  );
}

/** A link that no longer works, said plainly, with the way on. */
export function DeadLink({ message, next }: { message: string; next: React.ReactNode }) {
  return (
    <div className="space-y-4">
      <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
        {message}
      </p>
      <p className="text-sm">{next}</p>
    </div>
  );
}
