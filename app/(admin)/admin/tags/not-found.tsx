import Link from "next/link";

export default function AdminTagNotFound() {
  return (
    <div className="py-10">
      <h1 className="text-2xl font-bold tracking-tight">Not found</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">This tag does not exist, or you do not have access to tag management.</p>
      <p className="mt-6">
        <Link href="/admin" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← Back to posts
        </Link>
      </p>
    </div>
  );
}
