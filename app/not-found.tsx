import Link from "next/link";
import { SkipLink } from "@/components/ui/skip-link";

export const metadata = { title: "Page not found" };

export default function GlobalNotFound() {
  return (
    <>
      <SkipLink />
      <main id="main" className="mx-auto max-w-3xl px-5 py-20">
        <p className="text-sm font-semibold text-indigo-700 dark:text-indigo-300">404</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight">Page not found</h1>
        <p className="mt-4 text-zinc-600 dark:text-zinc-400">The page you asked for does not exist, or it is no longer published.</p>
        <p className="mt-6">
          <Link href="/" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            Go to the home page →
          </Link>
        </p>
      </main>
    </>
  );
}
