import Link from "next/link";

/** What a reader sees for a missing or unpublished page, with a way back. */
export function NotFoundMessage() {
  return (
    <>
      <p className="text-sm font-semibold text-indigo-700 dark:text-indigo-300">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-4 text-zinc-600 dark:text-zinc-400">The page you asked for does not exist, or it is no longer published.</p>
      <p className="mt-6">
        <Link href="/" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          Browse all posts →
        </Link>
      </p>
    </>
  );
}
